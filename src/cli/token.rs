//! `kyso token list`: what is on PKCS#11 tokens, so a clerk can find what to pass.

use std::path::PathBuf;

use clap::{Args, Subcommand};
use serde_json::json;

use crate::error::{Error, Result};
use crate::exit::ExitStatus;
use crate::pki::load;
use crate::pki::pkcs11::{Pkcs11Module, TokenSelector};
use crate::report::output::Output;

#[derive(Debug, Subcommand)]
pub enum TokenCommand {
    /// List slots, tokens, and the keys and certificates on them
    List(ListArgs),
}

#[derive(Debug, Args)]
pub struct ListArgs {
    /// PKCS#11 module of the token (e.g. /usr/lib/softhsm/libsofthsm2.so)
    #[arg(long, value_name = "MODULE.so")]
    pub pkcs11: PathBuf,
    /// Only this token (label)
    #[arg(long, value_name = "LABEL")]
    pub token: Option<String>,
    /// Log in with the PIN in this file to list private keys too (KYSO_PIN also works);
    /// without a PIN only public objects are listed
    #[arg(long, value_name = "FILE")]
    pub pin_file: Option<PathBuf>,
}

pub fn run(cmd: TokenCommand, out: &Output) -> Result<ExitStatus> {
    let TokenCommand::List(args) = cmd;
    let m = Pkcs11Module::load(&args.pkcs11).map_err(Error::Token)?;
    let pin = load::password(args.pin_file.as_deref(), "KYSO_PIN")?;
    let pin = pin.as_deref().map(|p| p.as_slice());
    let slots = match (&args.token, pin) {
        (Some(label), pin) => {
            vec![m.list_token(&TokenSelector { label: Some(label.clone()), slot: None }, pin).map_err(Error::Token)?]
        }
        (None, pin) => m.list(pin).map_err(Error::Token)?,
    };
    let l = out.lang;
    out.result(
        || {
            if slots.is_empty() {
                return l.pick("no token found\n", "không tìm thấy token nào\n").to_string();
            }
            let mut s = String::new();
            for slot in &slots {
                s += &format!(
                    "{} {}: {} \"{}\" ({} {}, {} {})\n",
                    l.pick("slot", "khe"),
                    slot.slot_id,
                    "token",
                    slot.token_label.as_deref().unwrap_or("?"),
                    slot.manufacturer,
                    slot.model,
                    l.pick("serial", "số sê-ri"),
                    slot.serial
                );
                for o in &slot.objects {
                    s += &format!("  {:<12} label={:?} id={}", o.kind, o.label, o.id_hex);
                    if let Some(k) = &o.key_type {
                        s += &format!(" {k}");
                    }
                    if let Some(sub) = &o.subject {
                        s += &format!(" {sub}");
                    }
                    s.push('\n');
                }
            }
            if pin.is_none() {
                s += l.pick(
                    "(private keys are listed only after logging in: give --pin-file or KYSO_PIN)\n",
                    "(khóa bí mật chỉ hiện sau khi đăng nhập: dùng --pin-file hoặc KYSO_PIN)\n",
                );
            }
            s
        },
        || {
            json!({"slots": slots.iter().map(|slot| json!({
                "slot": slot.slot_id, "token": slot.token_label, "manufacturer": slot.manufacturer,
                "model": slot.model, "serial": slot.serial,
                "objects": slot.objects.iter().map(|o| json!({
                    "kind": o.kind, "label": o.label, "id": o.id_hex, "key_type": o.key_type, "subject": o.subject,
                })).collect::<Vec<_>>(),
            })).collect::<Vec<_>>()})
        },
    );
    Ok(ExitStatus::Success)
}
