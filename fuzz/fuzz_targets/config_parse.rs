//! Config files (config.toml / kyso.toml): parsing, the secret and profile checks, and
//! writing a profile back, on arbitrary text.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    kyso::fuzzing::config_parse(data);
});
