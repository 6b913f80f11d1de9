//! The built-in trust store `@vn`: the Vietnamese national roots (NEAC: "Vietnam National Root
//! CA", G3, the MIC National Root CA, the Ministry of Science and Technology roots of 2025-2026) and the
//! Government CA roots of Ban Cơ yếu Chính phủ (G1 and G2) as anchors, and the CA certificates
//! issued under them (VNPT-CA, Viettel-CA, BkavCA, FPT-CA, CA2, FastCA, the Government CA's
//! subordinates…) as intermediates.
//!
//! The certificates are embedded from `assets/trust/vn/` (see its PROVENANCE.md) and each is
//! pinned here by its SHA-256: loading refuses a file whose hash differs, so the set of anchors
//! can only change with this source. README lists the same fingerprints (a test compares them)
//! so users can check them against the official publications.

use der::Decode;
use sha2::Digest;
use x509_cert::Certificate;

use super::TrustError;

/// One embedded certificate (DER): the file's SHA-256 is the certificate's fingerprint.
#[derive(Debug, Clone, Copy)]
pub struct Embedded {
    pub file: &'static str,
    pub der: &'static [u8],
    /// Lower-case hex SHA-256 of `der`.
    pub sha256: &'static str,
}

impl Embedded {
    /// The certificate, after checking the pinned hash.
    pub fn certificate(&self) -> Result<Certificate, TrustError> {
        if hex::encode(sha2::Sha256::digest(self.der)) != self.sha256 {
            return Err(TrustError::BuiltinTampered { file: self.file.to_string() });
        }
        Certificate::from_der(self.der).map_err(|_| TrustError::BuiltinUnparsable { file: self.file.to_string() })
    }
}

/// A built-in store.
#[derive(Debug, Clone, Copy)]
pub struct Builtin {
    pub name: &'static str,
    /// What it holds, for `kyso trust list`: English, Vietnamese.
    pub description: [&'static str; 2],
    pub roots: &'static [Embedded],
    pub intermediates: &'static [Embedded],
}

impl Builtin {
    pub fn roots(&self) -> Result<Vec<Certificate>, TrustError> {
        self.roots.iter().map(Embedded::certificate).collect()
    }

    pub fn intermediates(&self) -> Result<Vec<Certificate>, TrustError> {
        self.intermediates.iter().map(Embedded::certificate).collect()
    }
}

/// The built-in stores; their names are reserved for user stores.
pub const STORES: &[Builtin] = &[Builtin {
    name: "vn",
    description: [
        "Vietnam: national roots (NEAC/MIC/MOST) and Government CA roots (Ban Cơ yếu Chính phủ G1, G2); --certs @vn: the public CAs' intermediates",
        "Việt Nam: chứng thư gốc quốc gia (NEAC/Bộ TT&TT/Bộ KH&CN) và chứng thư gốc chuyên dùng Chính phủ (Ban Cơ yếu Chính phủ G1, G2); --certs @vn: chứng thư trung gian của các CA công cộng",
    ],
    roots: ROOTS,
    intermediates: INTERMEDIATES,
}];

/// The built-in store of that name.
pub fn get(name: &str) -> Option<&'static Builtin> {
    STORES.iter().find(|b| b.name == name)
}

/// The roots `--trust @vn` trusts.
pub const ROOTS: &[Embedded] = &[
    Embedded {
        file: "Co_quan_chung_thuc_so_chuyen_dung_Chinh_phu_RootCA_f7bc8905.cer",
        der: include_bytes!(
            "../../assets/trust/vn/roots/Co_quan_chung_thuc_so_chuyen_dung_Chinh_phu_RootCA_f7bc8905.cer"
        ),
        sha256: "f7bc89054cec7f12730d7b8cd3eb7955b163835087e5eb873edfb584763b3f90",
    },
    Embedded {
        file: "MIC_National_Root_CA_ca918d63.cer",
        der: include_bytes!("../../assets/trust/vn/roots/MIC_National_Root_CA_ca918d63.cer"),
        sha256: "ca918d635bb130bec97639e6aabf7edbc4eb1310f8058b9419f467ae0230ad8c",
    },
    Embedded {
        file: "RootCA_chuyen_dung_Chinh_phu_G2_f04ba4b4.cer",
        der: include_bytes!("../../assets/trust/vn/roots/RootCA_chuyen_dung_Chinh_phu_G2_f04ba4b4.cer"),
        sha256: "f04ba4b459a7c9a1b971ad9b1cb833e695a80c79aea63b174b66a70edfe2fdb8",
    },
    Embedded {
        file: "Vietnam_National_Root_CA_bac8bf60.cer",
        der: include_bytes!("../../assets/trust/vn/roots/Vietnam_National_Root_CA_bac8bf60.cer"),
        sha256: "bac8bf609ab420a8ee1780d74f4de5c7f7184959d2a7375b0a75e4c29f0908e7",
    },
    Embedded {
        file: "VIETNAM_NATIONAL_ROOT_CA_EMA_0d765aed.cer",
        der: include_bytes!("../../assets/trust/vn/roots/VIETNAM_NATIONAL_ROOT_CA_EMA_0d765aed.cer"),
        sha256: "0d765aedfe7b12c7d11c7b5737507f24db22f8afe24be140eb5801cb0853a8f9",
    },
    Embedded {
        file: "Vietnam_National_Root_CA_G3_7b3269e7.cer",
        der: include_bytes!("../../assets/trust/vn/roots/Vietnam_National_Root_CA_G3_7b3269e7.cer"),
        sha256: "7b3269e7d79aebbfae5095f45bbb7074771e690cb7df02b441062b12f7690ece",
    },
    Embedded {
        file: "VIETNAM_NATIONAL_ROOT_CA_MOBILEPKI_c75535d6.cer",
        der: include_bytes!("../../assets/trust/vn/roots/VIETNAM_NATIONAL_ROOT_CA_MOBILEPKI_c75535d6.cer"),
        sha256: "c75535d65c0ff7480a3d6f393d56da5f7c92ddcc071f4e9166c3f8d660ef836c",
    },
    Embedded {
        file: "VIETNAM_NATIONAL_ROOT_CA_RS_12afeba2.cer",
        der: include_bytes!("../../assets/trust/vn/roots/VIETNAM_NATIONAL_ROOT_CA_RS_12afeba2.cer"),
        sha256: "12afeba2545f6fc0f31ec130f31bf2d16184a2b5b7cebcb43cfd1ba35dd4ea46",
    },
    Embedded {
        file: "VIETNAM_NATIONAL_ROOT_CA_TSA_d343b3c5.cer",
        der: include_bytes!("../../assets/trust/vn/roots/VIETNAM_NATIONAL_ROOT_CA_TSA_d343b3c5.cer"),
        sha256: "d343b3c5132f7d1676c3560025aefef036fceec073c33f18e075b3a21c8f8552",
    },
    Embedded {
        file: "VIETNAM_NATIONAL_ROOT_CA_USBTOKEN_41803135.cer",
        der: include_bytes!("../../assets/trust/vn/roots/VIETNAM_NATIONAL_ROOT_CA_USBTOKEN_41803135.cer"),
        sha256: "41803135f13a6359866e7e6f76dafd598d496836944a52dd1fad66b3bf2ee63b",
    },
];

/// The CA certificates `--certs @vn` offers for chain building (not trusted).
pub const INTERMEDIATES: &[Embedded] = &[
    Embedded {
        file: "BkavCA_ddab3aa1.cer",
        der: include_bytes!("../../assets/trust/vn/certs/BkavCA_ddab3aa1.cer"),
        sha256: "ddab3aa11600215c08ca4ccbc18be5204c171a48081a6cd73a95aa868e1258af",
    },
    Embedded {
        file: "BkavCA_RS_28eb5572.cer",
        der: include_bytes!("../../assets/trust/vn/certs/BkavCA_RS_28eb5572.cer"),
        sha256: "28eb55727b391958ab7060fef404d283d7ec444534e5e0f818345710d284a145",
    },
    Embedded {
        file: "BkavCA_SHA256_b30c57c8.cer",
        der: include_bytes!("../../assets/trust/vn/certs/BkavCA_SHA256_b30c57c8.cer"),
        sha256: "b30c57c89faddee48b3614af59645bd6871cca2dc6506243cafaaff44154a919",
    },
    Embedded {
        file: "CA2_22a088de.cer",
        der: include_bytes!("../../assets/trust/vn/certs/CA2_22a088de.cer"),
        sha256: "22a088dedd18b017409157ccdce931236492df259459e7fac424574dd06380e2",
    },
    Embedded {
        file: "CA2_44d0592a.cer",
        der: include_bytes!("../../assets/trust/vn/certs/CA2_44d0592a.cer"),
        sha256: "44d0592a0a51580315c9cb4af1768fbb3cf30b57ad7cc4f3f016d666e3ca0688",
    },
    Embedded {
        file: "CA2_RS_3cf65289.cer",
        der: include_bytes!("../../assets/trust/vn/certs/CA2_RS_3cf65289.cer"),
        sha256: "3cf65289d5ec520d84157ac9b3a528384d8acc779849b799630a46cde5039736",
    },
    Embedded {
        file: "CA_phuc_vu_cac_co_quan_Nha_nuoc_G2_d8cab7a4.cer",
        der: include_bytes!("../../assets/trust/vn/certs/CA_phuc_vu_cac_co_quan_Nha_nuoc_G2_d8cab7a4.cer"),
        sha256: "d8cab7a4aef92e6bb2509d7c61cee7b44f3731b2d21074963530277b366fae4b",
    },
    Embedded {
        file: "CMC_CA_be9f0535.cer",
        der: include_bytes!("../../assets/trust/vn/certs/CMC_CA_be9f0535.cer"),
        sha256: "be9f053548b68261fe90ee7d4e8c32cd1250761abc5ed6333d58d22c70fdf044",
    },
    Embedded {
        file: "CMC_CA_RS_9083cc31.cer",
        der: include_bytes!("../../assets/trust/vn/certs/CMC_CA_RS_9083cc31.cer"),
        sha256: "9083cc31662dfe9882c9896d3fcdf682101a00e8508826965e8cabac371f960e",
    },
    Embedded {
        file: "Co_quan_chung_thuc_so_Bo_Cong_an_ecbf8428.cer",
        der: include_bytes!("../../assets/trust/vn/certs/Co_quan_chung_thuc_so_Bo_Cong_an_ecbf8428.cer"),
        sha256: "ecbf8428266c549eb1bfdc2715270d5b9dff3bbbe2d3f0c33e0fd91f70b2d943",
    },
    Embedded {
        file: "Co_quan_chung_thuc_so_Bo_Ngoai_giao_3c428129.cer",
        der: include_bytes!("../../assets/trust/vn/certs/Co_quan_chung_thuc_so_Bo_Ngoai_giao_3c428129.cer"),
        sha256: "3c4281296f92d292cc952295fe41ad7d0b37438ff1d143b56c4642cc1b14bd93",
    },
    Embedded {
        file: "Co_quan_chung_thuc_so_Bo_Tai_chinh_a262cfa4.cer",
        der: include_bytes!("../../assets/trust/vn/certs/Co_quan_chung_thuc_so_Bo_Tai_chinh_a262cfa4.cer"),
        sha256: "a262cfa489dbbe666f8b89fab832547809874d5a06fa9f7a38fc227ebdf40514",
    },
    Embedded {
        file: "Co_quan_chung_thuc_so_Chinh_phu_75e969c0.cer",
        der: include_bytes!("../../assets/trust/vn/certs/Co_quan_chung_thuc_so_Chinh_phu_75e969c0.cer"),
        sha256: "75e969c07ba35c29c72bbc1bfb880f20f3891a619b00b77eb02ca6160736a1fe",
    },
    Embedded {
        file: "Co_quan_chung_thuc_so_Dang_Cong_san_6e218b3e.cer",
        der: include_bytes!("../../assets/trust/vn/certs/Co_quan_chung_thuc_so_Dang_Cong_san_6e218b3e.cer"),
        sha256: "6e218b3ebc2f31b0d03205c64fd7e8920fb47187d37afcdb4cb2bb4178bf4635",
    },
    Embedded {
        file: "E_CA_43734c6d.cer",
        der: include_bytes!("../../assets/trust/vn/certs/E_CA_43734c6d.cer"),
        sha256: "43734c6d4cd44851f73e531ac83b54498ce52acc86798b56ab6cf9b29ac6e9cb",
    },
    Embedded {
        file: "EASYCA_cd2171c4.cer",
        der: include_bytes!("../../assets/trust/vn/certs/EASYCA_cd2171c4.cer"),
        sha256: "cd2171c4532d0dcf743b8c178968bcc17189e735ed11bb44c4d54cf197fa54ea",
    },
    Embedded {
        file: "EASYCA_REMOTE_SIGNING_6c2db621.cer",
        der: include_bytes!("../../assets/trust/vn/certs/EASYCA_REMOTE_SIGNING_6c2db621.cer"),
        sha256: "6c2db621925eb31009b97e5ceec268f1683b54997114fd729e79c817c42d867b",
    },
    Embedded {
        file: "EFY_CA_SHA256_R1_7cae1be8.cer",
        der: include_bytes!("../../assets/trust/vn/certs/EFY_CA_SHA256_R1_7cae1be8.cer"),
        sha256: "7cae1be881b82fb6e2958f1715360210a52b9cbfdb1765e8d560422b180823fb",
    },
    Embedded {
        file: "FastCA_SHA_256_bce53bfc.cer",
        der: include_bytes!("../../assets/trust/vn/certs/FastCA_SHA_256_bce53bfc.cer"),
        sha256: "bce53bfc017dc917ccac7f314bcddf257c53ec8ffc0165f33a80558deded01f1",
    },
    Embedded {
        file: "FastCA_SHA_256_R1_a6dbc680.cer",
        der: include_bytes!("../../assets/trust/vn/certs/FastCA_SHA_256_R1_a6dbc680.cer"),
        sha256: "a6dbc6801e3ac5a057007170519d34da4aa3a5051aa106360685581b21d14b87",
    },
    Embedded {
        file: "FPT_Certification_Authority_406ba8be.cer",
        der: include_bytes!("../../assets/trust/vn/certs/FPT_Certification_Authority_406ba8be.cer"),
        sha256: "406ba8be66ead6d01672f1e137cc35a778e2f289edd3f9e7580964190b83c761",
    },
    Embedded {
        file: "FPT_Certification_Authority_RS_cb60732f.cer",
        der: include_bytes!("../../assets/trust/vn/certs/FPT_Certification_Authority_RS_cb60732f.cer"),
        sha256: "cb60732f9c58044304b53ac90941c188cfb733ec5a507e5a2f057ec7f511d972",
    },
    Embedded {
        file: "FPT_Certification_Authority_SHA256_d36f1110.cer",
        der: include_bytes!("../../assets/trust/vn/certs/FPT_Certification_Authority_SHA256_d36f1110.cer"),
        sha256: "d36f1110d4bbf11bc80a312830ff4078509f55d9099a4e913d4743be5b903b06",
    },
    Embedded {
        file: "HILO_CA_SHA_256_32f33ea0.cer",
        der: include_bytes!("../../assets/trust/vn/certs/HILO_CA_SHA_256_32f33ea0.cer"),
        sha256: "32f33ea0c2f1e75f13a76049f27027153f5f2fbd157f0aad2b5f8e518a9d78f4",
    },
    Embedded {
        file: "I_CA_947d12eb.cer",
        der: include_bytes!("../../assets/trust/vn/certs/I_CA_947d12eb.cer"),
        sha256: "947d12ebb482a9dab1079b0792d64e47775a94f2b4a8b4143909b65286bc5303",
    },
    Embedded {
        file: "IntrustCA_Remote_Signing_132acf3a.cer",
        der: include_bytes!("../../assets/trust/vn/certs/IntrustCA_Remote_Signing_132acf3a.cer"),
        sha256: "132acf3a453fa1d9dae99f50b48b7b053aac819aacda7fab1d86160cab7dea60",
    },
    Embedded {
        file: "MATBAO_CA_ab5c2034.cer",
        der: include_bytes!("../../assets/trust/vn/certs/MATBAO_CA_ab5c2034.cer"),
        sha256: "ab5c2034dd302102011a7abfb3386044fa2ed79ab9d2da22789457b3f9dd3434",
    },
    Embedded {
        file: "MISA_CA_RS_626bc107.cer",
        der: include_bytes!("../../assets/trust/vn/certs/MISA_CA_RS_626bc107.cer"),
        sha256: "626bc107f65eb15bb1e456a1db71853e0bb36ca754a3273e84276f1987aeb010",
    },
    Embedded {
        file: "MISA_CA_RS_6f471d78.cer",
        der: include_bytes!("../../assets/trust/vn/certs/MISA_CA_RS_6f471d78.cer"),
        sha256: "6f471d7820e7608aa7e83525617dc7c65932d9cc3d6e550383c8056764451b2c",
    },
    Embedded {
        file: "MISA_CA_SHA256_8d375013.cer",
        der: include_bytes!("../../assets/trust/vn/certs/MISA_CA_SHA256_8d375013.cer"),
        sha256: "8d37501361c79a128d43976114289d3493d99f0fa344382598560aa99a89fb9c",
    },
    Embedded {
        file: "MK_CA_OneCA_0dd0df0e.cer",
        der: include_bytes!("../../assets/trust/vn/certs/MK_CA_OneCA_0dd0df0e.cer"),
        sha256: "0dd0df0e33e10a4a7be67623251d7bac4bf4d5188caeb33cd528c26a8c5aa5ac",
    },
    Embedded {
        file: "MK_CA_SmartCA_d8274658.cer",
        der: include_bytes!("../../assets/trust/vn/certs/MK_CA_SmartCA_d8274658.cer"),
        sha256: "d8274658ddade5fca58200e2901c0b3a154cebc3d1a43920d8e2ef67d3e72885",
    },
    Embedded {
        file: "MOBIFONE_CA_SIMPKI_95065d73.cer",
        der: include_bytes!("../../assets/trust/vn/certs/MOBIFONE_CA_SIMPKI_95065d73.cer"),
        sha256: "95065d73314631709ab5c4c2c929f9df870b93e124a109e2a165b3064f8ccf4b",
    },
    Embedded {
        file: "NC_CA_SHA256_9bbadcc2.cer",
        der: include_bytes!("../../assets/trust/vn/certs/NC_CA_SHA256_9bbadcc2.cer"),
        sha256: "9bbadcc2ce574b351d6fef7bba513389c6e59a34125eaf8dcdc2ac5b877e76cc",
    },
    Embedded {
        file: "NEWTEL_CA_27ab0940.cer",
        der: include_bytes!("../../assets/trust/vn/certs/NEWTEL_CA_27ab0940.cer"),
        sha256: "27ab09408347ee182186d2a21e82feda0a4e0f84441525ba1de74a7e87401eba",
    },
    Embedded {
        file: "NEWTEL_CA_SHA_256_v2_e32106d9.cer",
        der: include_bytes!("../../assets/trust/vn/certs/NEWTEL_CA_SHA_256_v2_e32106d9.cer"),
        sha256: "e32106d91cafa1e0df61775e7b985084e47cfe3e3e151878aa9bdb5269d4909f",
    },
    Embedded {
        file: "ONE_CA_SHA_256_1e52e66b.cer",
        der: include_bytes!("../../assets/trust/vn/certs/ONE_CA_SHA_256_1e52e66b.cer"),
        sha256: "1e52e66b27c37f4b349dc5022a2186f8e2204afd1d25515c4e699a1b33d58e26",
    },
    Embedded {
        file: "ONE_CA_SHA_256_V2_c35ab20e.cer",
        der: include_bytes!("../../assets/trust/vn/certs/ONE_CA_SHA_256_V2_c35ab20e.cer"),
        sha256: "c35ab20e95e926e16d5b7c8ccdc536904695f6e23507dfeafa68a92696af2a8c",
    },
    Embedded {
        file: "SAFE_CA_4e66e007.cer",
        der: include_bytes!("../../assets/trust/vn/certs/SAFE_CA_4e66e007.cer"),
        sha256: "4e66e0073c9c217dbfa80697b0096fa61d71c1f32b29a12c2e2c37c0cac35881",
    },
    Embedded {
        file: "SAFE_CA_SHA_256_2024_d90d40ec.cer",
        der: include_bytes!("../../assets/trust/vn/certs/SAFE_CA_SHA_256_2024_d90d40ec.cer"),
        sha256: "d90d40ec121e84145a6a6b8e25deb897e12e9ac2e88c3587a19f49db47e8c2b3",
    },
    Embedded {
        file: "SAVIS_TrustCA_RS_7cd875dd.cer",
        der: include_bytes!("../../assets/trust/vn/certs/SAVIS_TrustCA_RS_7cd875dd.cer"),
        sha256: "7cd875dd3683c8149e166a4462704a372b63efb024a033ddbe9746e5da6554e3",
    },
    Embedded {
        file: "SmartSign_4f87358c.cer",
        der: include_bytes!("../../assets/trust/vn/certs/SmartSign_4f87358c.cer"),
        sha256: "4f87358cb360c4562f433db6f48d8858f80d730ba92797661424aeed903d5975",
    },
    Embedded {
        file: "SmartSign_591e6796.cer",
        der: include_bytes!("../../assets/trust/vn/certs/SmartSign_591e6796.cer"),
        sha256: "591e6796472780fcf98d2e6797c8249457726dee54a264307d9b51193cdbd5fd",
    },
    Embedded {
        file: "TrustCA_G2_SHA256_1ff6f8c5.cer",
        der: include_bytes!("../../assets/trust/vn/certs/TrustCA_G2_SHA256_1ff6f8c5.cer"),
        sha256: "1ff6f8c5f3300a3f860958f27ac1067741f256e3eea5516d5d42e3d658a1b84b",
    },
    Embedded {
        file: "TrustCA_Qualified_Timestamping_CA_b5d2f64c.cer",
        der: include_bytes!("../../assets/trust/vn/certs/TrustCA_Qualified_Timestamping_CA_b5d2f64c.cer"),
        sha256: "b5d2f64c02173e19c722fd27096ede0f394e76a416367e8a9a0bae582c0ff0a0",
    },
    Embedded {
        file: "VIETNAM_NATIONAL_CA_ERD_ddb4d026.cer",
        der: include_bytes!("../../assets/trust/vn/certs/VIETNAM_NATIONAL_CA_ERD_ddb4d026.cer"),
        sha256: "ddb4d0266e266eb7bc6d98b071d78ce3020bc508ae08ee549a077a0e9496a040",
    },
    Embedded {
        file: "VIETNAM_NATIONAL_CA_LTA_12a70606.cer",
        der: include_bytes!("../../assets/trust/vn/certs/VIETNAM_NATIONAL_CA_LTA_12a70606.cer"),
        sha256: "12a70606d2e04f9754481738800a87b1ff7d08736ae8f1c9344fef51470b3d1d",
    },
    Embedded {
        file: "Viettel_CA_684caf19.cer",
        der: include_bytes!("../../assets/trust/vn/certs/Viettel_CA_684caf19.cer"),
        sha256: "684caf190176d13158808ef193b2d20575399a87fd9e8c5bedc09065a184841a",
    },
    Embedded {
        file: "Viettel_CA_RS_2026_2d729cb2.cer",
        der: include_bytes!("../../assets/trust/vn/certs/Viettel_CA_RS_2026_2d729cb2.cer"),
        sha256: "2d729cb257cc1f61b79c8feef7da5063766ddea6e5af16ed7480bbb15342a6ff",
    },
    Embedded {
        file: "Viettel_CA_RS_860bcbe2.cer",
        der: include_bytes!("../../assets/trust/vn/certs/Viettel_CA_RS_860bcbe2.cer"),
        sha256: "860bcbe22fdc6757fe03b4597f7c61ca7f36e13ceb74a78cbefc9c5b267b8662",
    },
    Embedded {
        file: "Viettel_CA_SHA2_dcc79cac.cer",
        der: include_bytes!("../../assets/trust/vn/certs/Viettel_CA_SHA2_dcc79cac.cer"),
        sha256: "dcc79cacd7c7d639ed7e253e1ee780c90ccacd4cfc8ca57954d54c624a7f72e4",
    },
    Embedded {
        file: "VNPAY_CA_RS_bef1b636.cer",
        der: include_bytes!("../../assets/trust/vn/certs/VNPAY_CA_RS_bef1b636.cer"),
        sha256: "bef1b636f550766983869941bab064c144c48a7e04213519267700b84459674c",
    },
    Embedded {
        file: "VNPAY_CA_TOKEN_86424bab.cer",
        der: include_bytes!("../../assets/trust/vn/certs/VNPAY_CA_TOKEN_86424bab.cer"),
        sha256: "86424bab05f406ddced860d3a910a0ea5a00b7301616821e868766afe60a7ad7",
    },
    Embedded {
        file: "VNPT_CA_SHA2_7d6ba524.cer",
        der: include_bytes!("../../assets/trust/vn/certs/VNPT_CA_SHA2_7d6ba524.cer"),
        sha256: "7d6ba5245317f9ed5d8bc765a4634d26ac6340d36b9f584df3b52d9c4a81a306",
    },
    Embedded {
        file: "VNPT_Certification_Authority_068927b4.cer",
        der: include_bytes!("../../assets/trust/vn/certs/VNPT_Certification_Authority_068927b4.cer"),
        sha256: "068927b4c1a38ae4db1e8f59a71a8c643d9dfbb53a674862387bd5aa7386247b",
    },
    Embedded {
        file: "VNPT_SmartCA_RS_2026_6987dcea.cer",
        der: include_bytes!("../../assets/trust/vn/certs/VNPT_SmartCA_RS_2026_6987dcea.cer"),
        sha256: "6987dcead87feb48e18cc332d0c8d0855179aa5976f4a5aeadba479f9252b5fb",
    },
    Embedded {
        file: "VNPT_SmartCA_RS_95cf8f36.cer",
        der: include_bytes!("../../assets/trust/vn/certs/VNPT_SmartCA_RS_95cf8f36.cer"),
        sha256: "95cf8f36c986e0c0f7e03761b17d7804072cb644b235a8f1c62107f8804a4889",
    },
    Embedded {
        file: "WINCA_acb6a495.cer",
        der: include_bytes!("../../assets/trust/vn/certs/WINCA_acb6a495.cer"),
        sha256: "acb6a4955b5e3fed58bf1f63070dbd33b56006f43532983a543372ba88232adc",
    },
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_builtin_certificate_matches_its_pin_and_parses() {
        for b in STORES {
            let roots = b.roots().unwrap();
            let inters = b.intermediates().unwrap();
            assert!(!roots.is_empty() && !inters.is_empty());
            for r in &roots {
                assert!(crate::pki::info::is_ca(r));
                assert_eq!(r.tbs_certificate().subject(), r.tbs_certificate().issuer(), "a root is self-issued");
            }
            for c in &inters {
                assert!(crate::pki::info::is_ca(c), "only CA certificates are offered as intermediates");
            }
        }
    }

    #[test]
    fn a_changed_byte_is_refused() {
        let e = ROOTS[0];
        let mut bytes = e.der.to_vec();
        let last = bytes.len() - 1;
        bytes[last] ^= 1;
        let leaked: &'static [u8] = Box::leak(bytes.into_boxed_slice());
        let bad = Embedded { der: leaked, ..e };
        assert!(matches!(bad.certificate(), Err(TrustError::BuiltinTampered { .. })));
    }
}
