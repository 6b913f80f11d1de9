//! XML canonicalization vectors and XMLDSig signing/verification against xmlsec1, signxml
//! and the real Vietnamese e-invoices in ../shared/interop (library level).

mod c14n_vectors;
mod common;
mod complexity;
mod real_invoices;
mod realworld;
mod safety;
mod sign_peers;
mod timing;
mod transforms_peers;
mod verify_peers;
mod vn_wrapping;
