//! RFC 5280 §6.1 certificate policy processing: the valid_policy_tree, policy mappings,
//! requireExplicitPolicy, inhibitPolicyMapping and inhibitAnyPolicy, and the user's
//! initial policy set (§6.1.1 (c), (e)–(g)), step by step as the RFC writes them.
//!
//! Written here rather than taken from a crate: no maintained Rust crate implements the
//! policy tree over `x509-cert` types. The tree is bounded ([`MAX_NODES`]) so that a
//! path crafted to make it explode (the known attack on policy trees) is refused quickly.

use const_oid::ObjectIdentifier as Oid;
use der::Decode;
use x509_cert::Certificate;
use x509_cert::ext::pkix::{CertificatePolicies, InhibitAnyPolicy, PolicyConstraints, PolicyMappings};

use crate::pki::oids::{self, ANY_POLICY};

/// More nodes than this in the policy tree: the path is refused.
pub const MAX_NODES: usize = 2_000;

/// The validation choices the user makes (RFC 5280 §6.1.1 inputs and local policy).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Settings {
    /// Without a usable CRL or OCSP answer for each certificate below the anchor, the
    /// result is INDETERMINATE (TRY_LATER); by default an unknown status is reported
    /// but does not change the verdict.
    pub require_revocation: bool,
    pub policy: PolicyInputs,
}

/// The policy inputs of path validation (RFC 5280 §6.1.1). The default accepts any
/// policy and requires none, as OpenSSL's `verify` does without `-policy` options.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct PolicyInputs {
    /// user-initial-policy-set; empty means anyPolicy.
    pub initial: Vec<Oid>,
    /// initial-explicit-policy: the path must be valid for at least one policy.
    pub explicit: bool,
    /// initial-policy-mapping-inhibit
    pub inhibit_mapping: bool,
    /// initial-any-policy-inhibit
    pub inhibit_any: bool,
}

#[derive(Debug, Clone)]
struct Node {
    policy: Oid,
    expected: Vec<Oid>,
    /// Index of the parent in the level above (unused at the root).
    parent: usize,
}

/// The state carried down the path. Certificates are numbered 1..=n from the one the
/// anchor issued to the target.
pub struct PolicyState {
    /// levels[d] holds the nodes of depth d; `None` is the NULL tree.
    tree: Option<Vec<Vec<Node>>>,
    explicit: usize,
    inhibit_any: usize,
    mapping: usize,
    n: usize,
    initial: Vec<Oid>,
}

/// A certificate extension of the given type, `Err` when present but undecodable.
fn ext<T: for<'a> Decode<'a>>(cert: &Certificate, oid: Oid) -> Result<Option<T>, String> {
    let Some(e) = cert.tbs_certificate().extensions().and_then(|exts| exts.iter().find(|e| e.extn_id == oid)) else {
        return Ok(None);
    };
    T::from_der(e.extn_value.as_bytes()).map(Some).map_err(|e| format!("extension {oid} cannot be decoded ({e})"))
}

impl PolicyState {
    pub fn new(inputs: &PolicyInputs, n: usize) -> PolicyState {
        let root = Node { policy: ANY_POLICY, expected: vec![ANY_POLICY], parent: 0 };
        PolicyState {
            tree: Some(vec![vec![root]]),
            explicit: if inputs.explicit { 0 } else { n + 1 },
            inhibit_any: if inputs.inhibit_any { 0 } else { n + 1 },
            mapping: if inputs.inhibit_mapping { 0 } else { n + 1 },
            n,
            initial: inputs.initial.clone(),
        }
    }

    fn size(&self) -> usize {
        self.tree.as_ref().map(|t| t.iter().map(Vec::len).sum()).unwrap_or(0)
    }

    /// §6.1.3 (d)–(f) for certificate `i` (1-based).
    pub fn process(&mut self, cert: &Certificate, i: usize, self_issued: bool) -> Result<(), String> {
        let policies = ext::<CertificatePolicies>(cert, oids::EXT_CERT_POLICIES)?;
        if self.tree.as_ref().is_some_and(|t| t.len() != i) {
            self.tree = None; // the tree lost its depth i-1: nothing can grow from it
        }
        match (&policies, self.tree.as_mut()) {
            (Some(cp), Some(tree)) => {
                let oids: Vec<Oid> = cp.0.iter().map(|p| p.policy_identifier).collect();
                let mut level: Vec<Node> = Vec::new();
                let prev = &tree[i - 1];
                // (d)(1)
                for p in oids.iter().filter(|p| **p != ANY_POLICY) {
                    let matches: Vec<usize> = (0..prev.len()).filter(|&k| prev[k].expected.contains(p)).collect();
                    if !matches.is_empty() {
                        level.extend(matches.into_iter().map(|k| Node { policy: *p, expected: vec![*p], parent: k }));
                    } else {
                        level.extend((0..prev.len()).filter(|&k| prev[k].policy == ANY_POLICY).map(|k| Node {
                            policy: *p,
                            expected: vec![*p],
                            parent: k,
                        }));
                    }
                }
                // (d)(2)
                if oids.contains(&ANY_POLICY) && (self.inhibit_any > 0 || (i < self.n && self_issued)) {
                    for (k, node) in prev.iter().enumerate() {
                        for e in &node.expected {
                            if !level.iter().any(|c| c.parent == k && c.policy == *e) {
                                level.push(Node { policy: *e, expected: vec![*e], parent: k });
                            }
                        }
                    }
                }
                tree.truncate(i);
                tree.push(level);
                // (d)(3)
                self.prune(i);
            }
            // (e)
            (None, _) => self.tree = None,
            (Some(_), None) => {}
        }
        if self.size() > MAX_NODES {
            return Err(format!("the certificate policy tree grows beyond {MAX_NODES} nodes"));
        }
        // (f)
        if self.explicit == 0 && self.tree.is_none() {
            return Err("no certificate policy is valid for the path up to this certificate".into());
        }
        Ok(())
    }

    /// §6.1.4 (a)–(b), (h)–(j): after certificate `i` (< n), before the next.
    pub fn prepare(&mut self, cert: &Certificate, i: usize, self_issued: bool) -> Result<(), String> {
        if let Some(maps) = ext::<PolicyMappings>(cert, oids::EXT_POLICY_MAPPINGS)? {
            let maps = maps.0;
            // (a)
            if maps.iter().any(|m| m.issuer_domain_policy == ANY_POLICY || m.subject_domain_policy == ANY_POLICY) {
                return Err("its policyMappings map to or from anyPolicy".into());
            }
            let mut issuers: Vec<Oid> = maps.iter().map(|m| m.issuer_domain_policy).collect();
            issuers.dedup();
            let mapped = |p: &Oid| -> Vec<Oid> {
                let mut v: Vec<Oid> =
                    maps.iter().filter(|m| m.issuer_domain_policy == *p).map(|m| m.subject_domain_policy).collect();
                v.dedup();
                v
            };
            if let Some(tree) = self.tree.as_mut()
                && tree.len() > i
            {
                if self.mapping > 0 {
                    // (b)(1)
                    for p in &issuers {
                        let level = &mut tree[i];
                        let mut found = false;
                        for node in level.iter_mut().filter(|n| n.policy == *p) {
                            node.expected = mapped(p);
                            found = true;
                        }
                        if !found && let Some(any) = level.iter().find(|n| n.policy == ANY_POLICY).map(|n| n.parent) {
                            level.push(Node { policy: *p, expected: mapped(p), parent: any });
                        }
                    }
                } else {
                    // (b)(2)
                    let keep: Vec<bool> = tree[i].iter().map(|n| !issuers.contains(&n.policy)).collect();
                    retain(tree, i, &keep);
                    self.prune(i);
                }
            }
        }
        // (h)
        if !self_issued {
            for v in [&mut self.explicit, &mut self.mapping, &mut self.inhibit_any] {
                *v = v.saturating_sub(1);
            }
        }
        // (i)
        if let Some(pc) = ext::<PolicyConstraints>(cert, oids::EXT_POLICY_CONSTRAINTS)? {
            if let Some(r) = pc.require_explicit_policy {
                self.explicit = self.explicit.min(r as usize);
            }
            if let Some(m) = pc.inhibit_policy_mapping {
                self.mapping = self.mapping.min(m as usize);
            }
        }
        // (j)
        if let Some(InhibitAnyPolicy(skip)) = ext::<InhibitAnyPolicy>(cert, oids::EXT_INHIBIT_ANY_POLICY)? {
            self.inhibit_any = self.inhibit_any.min(skip as usize);
        }
        Ok(())
    }

    /// §6.1.5 (a), (b), (g) with the target certificate: `Ok` with the policies the path
    /// is valid for (anyPolicy included when the tree says so), `Err` when none is and
    /// one is required.
    pub fn wrap_up(mut self, target: &Certificate) -> Result<Vec<Oid>, String> {
        // (a), (b)
        self.explicit = self.explicit.saturating_sub(1);
        if let Some(pc) = ext::<PolicyConstraints>(target, oids::EXT_POLICY_CONSTRAINTS)?
            && pc.require_explicit_policy == Some(0)
        {
            self.explicit = 0;
        }
        // (g)
        let n = self.n;
        let initial = std::mem::take(&mut self.initial);
        if let Some(tree) = self.tree.as_mut()
            && !initial.is_empty()
            && !initial.contains(&ANY_POLICY)
        {
            // (g)(iii)(1)-(2): nodes whose parent is anyPolicy and whose policy the user did not ask for
            let mut in_node_set: Vec<Oid> = Vec::new();
            for d in 1..tree.len() {
                let keep: Vec<bool> = tree[d]
                    .iter()
                    .map(|node| {
                        let parent_any = tree[d - 1].get(node.parent).is_some_and(|p| p.policy == ANY_POLICY);
                        if parent_any {
                            in_node_set.push(node.policy);
                        }
                        !parent_any || node.policy == ANY_POLICY || initial.contains(&node.policy)
                    })
                    .collect();
                retain(tree, d, &keep);
            }
            // (g)(iii)(3): a leaf anyPolicy at depth n stands for each policy the user asked for
            if n >= 1
                && tree.len() == n + 1
                && let Some(pos) = tree[n].iter().position(|node| node.policy == ANY_POLICY)
            {
                let parent = tree[n][pos].parent;
                tree[n].remove(pos);
                for p in initial.iter().filter(|p| !in_node_set.contains(p)) {
                    tree[n].push(Node { policy: *p, expected: vec![*p], parent });
                }
            }
            if tree.len() == n + 1 {
                self.prune(n);
            } else {
                self.tree = None;
            }
        }
        let valid: Vec<Oid> = match &self.tree {
            Some(t) if t.len() == n + 1 => {
                let mut v: Vec<Oid> = t[n].iter().map(|node| node.policy).collect();
                v.sort();
                v.dedup();
                v
            }
            _ => Vec::new(),
        };
        if self.explicit == 0 && valid.is_empty() {
            return Err(if initial.is_empty() {
                "the path is valid for no certificate policy, and one is required".into()
            } else {
                format!(
                    "the path is valid for none of the acceptable policies ({})",
                    initial.iter().map(|o| o.to_string()).collect::<Vec<_>>().join(", ")
                )
            });
        }
        Ok(valid)
    }

    /// Delete nodes of depth < `depth` that have no children, repeatedly (a childless
    /// root makes the tree NULL).
    fn prune(&mut self, depth: usize) {
        let Some(tree) = self.tree.as_mut() else { return };
        for d in (0..depth.min(tree.len().saturating_sub(1))).rev() {
            let mut has_child = vec![false; tree[d].len()];
            for c in &tree[d + 1] {
                if let Some(h) = has_child.get_mut(c.parent) {
                    *h = true;
                }
            }
            retain(tree, d, &has_child);
        }
        if tree.first().is_none_or(|root| root.is_empty()) {
            self.tree = None;
        }
    }
}

/// Keep the nodes of level `d` where `keep` says so; remove the descendants of the others.
fn retain(tree: &mut [Vec<Node>], d: usize, keep: &[bool]) {
    let mut keep = keep.to_vec();
    let mut level = d;
    loop {
        let mut map = vec![usize::MAX; tree[level].len()];
        let mut kept = Vec::new();
        for (k, node) in std::mem::take(&mut tree[level]).into_iter().enumerate() {
            if keep.get(k).copied().unwrap_or(false) {
                map[k] = kept.len();
                kept.push(node);
            }
        }
        tree[level] = kept;
        let Some(next) = tree.get_mut(level + 1) else { break };
        keep = next.iter().map(|c| map.get(c.parent).is_some_and(|&m| m != usize::MAX)).collect();
        for c in next.iter_mut() {
            if let Some(&m) = map.get(c.parent) {
                c.parent = m;
            }
        }
        level += 1;
    }
}
