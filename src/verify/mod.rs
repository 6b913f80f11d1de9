//! Signature and certificate-path verification with ETSI EN 319 102-1 verdicts.
