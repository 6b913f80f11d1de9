//! CMS `SignedData` (RFC 5652) building and parsing, CAdES B-B attributes (ETSI EN 319 122-1).
