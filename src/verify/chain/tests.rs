//! Unit tests of path validation, on certificates made here.
