//! Attached (enveloping) CMS signatures: the SignedData carries its content (`.p7m`).
