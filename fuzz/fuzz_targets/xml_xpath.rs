//! XPath expressions (Filter 2.0 node-sets and XPath-transform predicates) and C14N of the result.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    kyso::fuzzing::xml_xpath(data);
});
