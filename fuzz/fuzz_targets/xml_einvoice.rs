//! XML verification with the Vietnamese e-invoice profile (layouts, per-invoice extraction).
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    kyso::fuzzing::xml_einvoice(data);
});
