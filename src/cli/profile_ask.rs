//! The questions `kyso profile add NAME` asks on a terminal: which token (what `kyso token
//! list` finds), which key, which appearance, which image. PINs are never asked here: they
//! are asked when signing, or read from a file or the environment.

use std::path::{Path, PathBuf};

use super::profile_add::{AddArgs, ValueEnumName, from_flags};
use super::sign_args::StepArg;
use crate::config::ProfileDef;
use crate::error::{Error, Result};
use crate::pki::pkcs11::Pkcs11Module;
use crate::report::output::Output;

/// PKCS#11 modules of the USB tokens seen in Vietnamese offices and of SoftHSM2, in the
/// order they are offered when present.
const KNOWN_MODULES: &[&str] = &[
    "/usr/lib/softhsm/libsofthsm2.so",
    "/usr/lib/x86_64-linux-gnu/softhsm/libsofthsm2.so",
    "/usr/lib/x86_64-linux-gnu/opensc-pkcs11.so",
    "/usr/lib/libeTPkcs11.so",
    "/usr/lib/libcastle.so.1.0.0",
    "/usr/lib/libshuttle_p11v220.so.1.0.0",
];

struct Asker<'a> {
    out: &'a Output,
}

impl Asker<'_> {
    fn pick(&self, en: &'static str, vi: &'static str) -> &'static str {
        self.out.lang.pick(en, vi)
    }

    /// A line; `default` when the answer is empty. `Err` at the end of input.
    fn line(&self, prompt: &str, default: Option<&str>) -> Result<String> {
        let prompt = match default {
            Some(d) if !d.is_empty() => format!("{prompt} [{d}]"),
            _ => prompt.to_string(),
        };
        let answer = self.out.prompt_line(&prompt).ok_or_else(|| Error::InvalidOption {
            option: "NAME",
            detail: "the questions were not answered (end of input)".into(),
        })?;
        let answer = answer.trim();
        Ok(if answer.is_empty() { default.unwrap_or("").to_string() } else { answer.to_string() })
    }

    /// One of `choices` by its number (1-based); asked again until it is one.
    fn choose(&self, title: &str, choices: &[String], default: usize) -> Result<usize> {
        let mut s = format!("{title}\n");
        for (i, c) in choices.iter().enumerate() {
            s += &format!("  {}) {c}\n", i + 1);
        }
        self.out.say(&s);
        loop {
            let a = self.line(self.pick("number", "số"), Some(&(default + 1).to_string()))?;
            match a.parse::<usize>() {
                Ok(n) if (1..=choices.len()).contains(&n) => return Ok(n - 1),
                _ => self
                    .out
                    .say(&format!("{}\n", self.pick("  give one of the numbers", "  hãy nhập một trong các số"))),
            }
        }
    }

    /// A file that exists (or nothing, when `optional` and the answer is empty).
    fn file(&self, prompt: &str, optional: bool) -> Result<Option<PathBuf>> {
        loop {
            let a = self.line(prompt, None)?;
            if a.is_empty() && optional {
                return Ok(None);
            }
            let p = expand(&a);
            if p.is_file() {
                return Ok(Some(p));
            }
            self.out.say(&format!("  {}: {}\n", p.display(), self.pick("no such file", "không có tệp này")));
        }
    }

    fn optional_text(&self, prompt: &str) -> Result<Option<String>> {
        let a = self.line(prompt, None)?;
        Ok((!a.is_empty()).then_some(a))
    }
}

fn expand(s: &str) -> PathBuf {
    match (s.strip_prefix("~/"), std::env::var_os("HOME")) {
        (Some(rest), Some(home)) => PathBuf::from(home).join(rest),
        _ => PathBuf::from(s),
    }
}

/// Ask for what the flags did not give. `None` when there is no terminal.
pub fn ask(args: &AddArgs, out: &Output) -> Result<Option<ProfileDef>> {
    if out.can_ask() {
        let a = Asker { out };
        let mut def = from_flags(args);
        a.out.say(&format!("{} {}\n", a.pick("New signing profile", "Hồ sơ ký mới"), args.name));
        let sources = [
            a.pick("USB token (PKCS#11)", "USB token (PKCS#11)").to_string(),
            a.pick("PKCS#12 file (.p12/.pfx)", "tệp PKCS#12 (.p12/.pfx)").to_string(),
            a.pick("key file and certificate file", "tệp khóa và tệp chứng thư số").to_string(),
        ];
        match a.choose(a.pick("Where is the signing key?", "Khóa ký nằm ở đâu?"), &sources, 0)? {
            0 => token(&a, &mut def)?,
            1 => {
                def.p12 = a.file(a.pick(".p12/.pfx file", "tệp .p12/.pfx"), false)?.map(|p| abs(&p));
            }
            _ => {
                def.key = a.file(a.pick("private key file", "tệp khóa bí mật"), false)?.map(|p| abs(&p));
                def.cert = a.file(a.pick("certificate file", "tệp chứng thư số"), false)?.map(|p| abs(&p));
            }
        }
        if def.pkcs11.is_none() {
            def.password_file = a
                .file(
                    a.pick(
                        "file holding the password (empty: asked at each signing)",
                        "tệp chứa mật khẩu (để trống: hỏi mỗi lần ký)",
                    ),
                    true,
                )?
                .map(|p| abs(&p));
        }
        // what the flags gave is not asked again
        if args.appearance.is_none() {
            appearance(&a, &mut def)?;
        }
        if args.reason.is_none() {
            def.reason = a.optional_text(
                a.pick("reason, e.g. Phê duyệt (empty: none)", "lý do ký, ví dụ Phê duyệt (để trống: không)"),
            )?;
        }
        if args.location.is_none() {
            def.location = a.optional_text(
                a.pick("location, e.g. Thái Nguyên (empty: none)", "nơi ký, ví dụ Thái Nguyên (để trống: không)"),
            )?;
        }
        return Ok(Some(def));
    }
    Ok(None)
}

fn abs(p: &Path) -> String {
    std::path::absolute(p).unwrap_or_else(|_| p.to_path_buf()).display().to_string()
}

fn token(a: &Asker<'_>, def: &mut ProfileDef) -> Result<()> {
    let found = KNOWN_MODULES.iter().find(|m| Path::new(m).is_file()).copied();
    let module = loop {
        let m = a.line(a.pick("PKCS#11 module of the token", "mô-đun PKCS#11 của token"), found)?;
        let p = expand(&m);
        match Pkcs11Module::load(&p) {
            Ok(module) => break (p, module),
            Err(e) => {
                a.out.say(&format!("  {}\n", crate::report::messages::error_message(&Error::Token(e), a.out.lang)))
            }
        }
    };
    let (path, m) = module;
    def.pkcs11 = Some(abs(&path));
    let slots = m.list(None).map_err(Error::Token)?;
    if slots.is_empty() {
        return Err(Error::Token(crate::pki::pkcs11::P11Error::NoToken));
    }
    let names: Vec<String> = slots
        .iter()
        .map(|s| {
            format!(
                "\"{}\" ({} {}, {} {})",
                s.token_label.as_deref().unwrap_or("?"),
                s.manufacturer,
                s.model,
                a.pick("serial", "số sê-ri"),
                s.serial
            )
        })
        .collect();
    let slot = &slots[a.choose(a.pick("Which token?", "Token nào?"), &names, 0)?];
    match &slot.token_label {
        Some(l) if !l.is_empty() => def.token = Some(l.clone()),
        _ => def.slot = Some(slot.slot_id),
    }
    // Certificates are public objects: listed without the PIN; the key has the same id.
    let certs: Vec<_> = slot.objects.iter().filter(|o| o.kind == "certificate").collect();
    if certs.is_empty() {
        def.key_label = Some(a.line(a.pick("key label on the token", "nhãn khóa trên token"), None)?);
        return Ok(());
    }
    let names: Vec<String> = certs
        .iter()
        .map(|o| format!("{} (label {:?}, id {})", o.subject.as_deref().unwrap_or("?"), o.label, o.id_hex))
        .collect();
    let c = certs[a.choose(a.pick("Which key (by its certificate)?", "Khóa nào (theo chứng thư số)?"), &names, 0)?];
    if !c.id_hex.is_empty() {
        def.key_id = Some(c.id_hex.clone());
    } else {
        def.key_label = Some(c.label.clone());
    }
    Ok(())
}

fn appearance(a: &Asker<'_>, def: &mut ProfileDef) -> Result<()> {
    let steps = [None, Some(StepArg::Approve), Some(StepArg::Issue), Some(StepArg::Attachment), Some(StepArg::Copy)];
    let names: Vec<String> = vec![
        a.pick("none (invisible signature)", "không (chữ ký không hiển thị)").into(),
        a.pick("approve: the leader's signature image", "approve: ký phê duyệt, hình chữ ký của lãnh đạo").into(),
        a.pick("issue: the agency's seal", "issue: ký phát hành, hình con dấu của cơ quan").into(),
        a.pick("attachment: text at the top right of page 1", "attachment: phụ lục, chữ ở góc trên bên phải trang 1")
            .into(),
        a.pick("copy: sao y / sao lục, top right of page 1", "copy: sao y / sao lục, góc trên bên phải trang 1").into(),
    ];
    let step = steps[a.choose(a.pick("Visible signature?", "Hình thức hiển thị chữ ký?"), &names, 1)?];
    def.appearance = step.map(|s| s.name());
    if matches!(step, Some(StepArg::Approve | StepArg::Issue)) {
        let prompt = match step {
            Some(StepArg::Issue) => {
                a.pick("image of the seal, PNG or JPEG (empty: none)", "hình con dấu, PNG hoặc JPEG (để trống: không)")
            }
            _ => a.pick(
                "image of the signature, PNG or JPEG (empty: none)",
                "hình chữ ký, PNG hoặc JPEG (để trống: không)",
            ),
        };
        def.image = a.file(prompt, true)?.map(|p| abs(&p));
        def.anchor = a.optional_text(a.pick(
            "place it at this text, e.g. the signer's name (empty: default place)",
            "đặt tại dòng chữ này, ví dụ tên người ký (để trống: vị trí mặc định)",
        ))?;
    }
    Ok(())
}
