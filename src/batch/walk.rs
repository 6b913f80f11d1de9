//! Walking folder trees for batch work.

use std::path::{Path, PathBuf};

use globset::{Glob, GlobSet, GlobSetBuilder};

use crate::error::{Error, Result};

/// Which files of a tree to take.
#[derive(Debug, Clone, Default)]
pub struct WalkOptions {
    /// Globs matched against the path relative to the root (`*.pdf`, `2026/**`); none = all.
    pub include: Vec<String>,
    pub exclude: Vec<String>,
    /// Also take hidden files and folders (names starting with '.').
    pub hidden: bool,
}

/// One file found under a root.
#[derive(Debug, Clone)]
pub struct Entry {
    pub path: PathBuf,
    /// The path relative to its root (used to mirror the tree).
    pub rel: PathBuf,
    pub size: u64,
}

/// A walk that could not read something: reported per path, the walk goes on.
#[derive(Debug, Clone)]
pub struct WalkProblem {
    pub path: PathBuf,
    pub detail: String,
}

pub struct Walker {
    include: Option<GlobSet>,
    exclude: GlobSet,
    hidden: bool,
    sizes: bool,
}

fn globset(patterns: &[String]) -> Result<GlobSet> {
    let mut b = GlobSetBuilder::new();
    for p in patterns {
        let g =
            Glob::new(p).map_err(|e| Error::InvalidOption { option: "--include/--exclude", detail: e.to_string() })?;
        b.add(g);
        // "*.pdf" should also match in subfolders, as users expect from ripgrep/fd.
        if !p.contains('/') {
            b.add(
                Glob::new(&format!("**/{p}"))
                    .map_err(|e| Error::InvalidOption { option: "--include/--exclude", detail: e.to_string() })?,
            );
        }
    }
    b.build().map_err(|e| Error::InvalidOption { option: "--include/--exclude", detail: e.to_string() })
}

impl Walker {
    pub fn new(opts: &WalkOptions) -> Result<Walker> {
        Ok(Walker {
            include: if opts.include.is_empty() { None } else { Some(globset(&opts.include)?) },
            exclude: globset(&opts.exclude)?,
            hidden: opts.hidden,
            sizes: true,
        })
    }

    /// Whether entries carry their size (one `stat` per file, for a progress bar's
    /// byte counts); without it [`Entry::size`] is 0.
    pub fn with_sizes(mut self, sizes: bool) -> Walker {
        self.sizes = sizes;
        self
    }

    fn wanted(&self, rel: &Path) -> bool {
        self.include.as_ref().is_none_or(|g| g.is_match(rel)) && !self.exclude.is_match(rel)
    }

    /// The files under `root`, lazily, in a stable (sorted) order. A `root` that is a
    /// file yields just that file.
    pub fn walk<'a>(&'a self, root: &'a Path) -> impl Iterator<Item = std::result::Result<Entry, WalkProblem>> + 'a {
        let (hidden, sizes) = (self.hidden, self.sizes);
        walkdir::WalkDir::new(root)
            .follow_links(false)
            .sort_by_file_name()
            .into_iter()
            .filter_entry(move |e| {
                hidden || e.depth() == 0 || !e.file_name().to_str().is_some_and(|n| n.starts_with('.'))
            })
            .filter_map(move |res| match res {
                Err(e) => Some(Err(WalkProblem {
                    path: e.path().map(Path::to_path_buf).unwrap_or_else(|| root.to_path_buf()),
                    detail: e.to_string(),
                })),
                Ok(e) if !e.file_type().is_file() => None,
                Ok(e) => {
                    let rel = e.path().strip_prefix(root).unwrap_or(e.path()).to_path_buf();
                    let rel = if rel.as_os_str().is_empty() { PathBuf::from(e.file_name()) } else { rel };
                    if !self.wanted(&rel) {
                        return None;
                    }
                    let size = if sizes { e.metadata().map(|m| m.len()).unwrap_or(0) } else { 0 };
                    Some(Ok(Entry { path: e.path().to_path_buf(), rel, size }))
                }
            })
    }

    /// Count the files and bytes a walk will yield (for the progress bar).
    pub fn count(&self, roots: &[PathBuf]) -> (u64, u64) {
        roots.iter().flat_map(|r| self.walk(r)).filter_map(|e| e.ok()).fold((0, 0), |(n, b), e| (n + 1, b + e.size))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn globs_hidden_and_symlinks() {
        let d = tempfile::tempdir().unwrap();
        let p = d.path();
        std::fs::create_dir_all(p.join("a/b")).unwrap();
        std::fs::create_dir_all(p.join(".git")).unwrap();
        for f in ["x.pdf", "a/y.pdf", "a/b/z.xml", ".hidden.pdf", ".git/c.pdf", "a/note.txt"] {
            std::fs::write(p.join(f), f).unwrap();
        }
        #[cfg(unix)]
        std::os::unix::fs::symlink(p, p.join("a/loop")).unwrap();
        let names = |o: WalkOptions| -> Vec<String> {
            let w = Walker::new(&o).unwrap();
            w.walk(p).map(|e| e.unwrap().rel.display().to_string()).collect()
        };
        assert_eq!(names(WalkOptions::default()), ["a/b/z.xml", "a/note.txt", "a/y.pdf", "x.pdf"]);
        assert_eq!(names(WalkOptions { include: vec!["*.pdf".into()], ..Default::default() }), ["a/y.pdf", "x.pdf"]);
        assert_eq!(names(WalkOptions { exclude: vec!["a/**".into()], ..Default::default() }), ["x.pdf"]);
        assert_eq!(names(WalkOptions { hidden: true, ..Default::default() }).len(), 6);
    }
}
