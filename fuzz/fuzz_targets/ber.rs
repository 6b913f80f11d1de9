//! BER → DER conversion on arbitrary bytes: never panics, and what it produces is DER
//! that converts to itself (the conversion is idempotent).
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Some(der) = kyso::fuzzing::ber_to_der(data) {
        let again = kyso::fuzzing::ber_to_der(&der).expect("DER output must read back");
        assert_eq!(again, der, "BER → DER must be idempotent");
    }
});
