
use builtin;
use str;

set edit:completion:arg-completer[kyso] = {|@words|
    fn spaces {|n|
        builtin:repeat $n ' ' | str:join ''
    }
    fn cand {|text desc|
        edit:complex-candidate $text &display=$text' '(spaces (- 14 (wcswidth $text)))$desc
    }
    var command = 'kyso'
    for word $words[1..-1] {
        if (str:has-prefix $word '-') {
            break
        }
        set command = $command';'$word
    }
    var completions = [
        &'kyso'= {
            cand --format 'Output format: text for people, or one JSON document (with a "schema" version) on stdout'
            cand --lang 'Language of messages [default: from KYSO_LANG, then LANG; English otherwise]'
            cand --color 'Colour output on a terminal (NO_COLOR turns "auto" off)'
            cand -q 'Print only errors (JSON output, when asked for, is still printed)'
            cand --quiet 'Print only errors (JSON output, when asked for, is still printed)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
            cand cert 'Create and inspect certificates (test PKIs)'
            cand sign 'Sign a document (detached CMS .p7s for any file)'
            cand verify 'Verify signatures and certificate chains'
            cand timestamp 'Add a document time-stamp to a PDF (PAdES, /ETSI.RFC3161)'
            cand extend 'Raise signatures to B-LT or B-LTA (PDF; CMS .p7s/.p7m and XAdES: B-LT)'
            cand batch 'Sign or verify whole folders, in parallel'
            cand trust 'Named trust stores (`--trust @NAME`, `--certs @NAME`; built-in: @vn): add, list, show, remove'
            cand token 'PKCS#11 hardware tokens'
            cand profile 'Named signing profiles (`kyso sign FILE --as NAME`): list, show, add'
            cand pki 'Test-PKI services: RFC 3161 time-stamps, OCSP and CRLs over HTTP'
            cand edxml 'edXML packages from the document exchange axis: inspect, extract'
            cand demo 'Run the main job on an embedded sample: make a test PKI, then sign and verify'
            cand completions 'Print a shell completion script'
            cand manpage 'Print the man page (roff)'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'kyso;cert'= {
            cand --format 'Output format: text for people, or one JSON document (with a "schema" version) on stdout'
            cand --lang 'Language of messages [default: from KYSO_LANG, then LANG; English otherwise]'
            cand --color 'Colour output on a terminal (NO_COLOR turns "auto" off)'
            cand -q 'Print only errors (JSON output, when asked for, is still printed)'
            cand --quiet 'Print only errors (JSON output, when asked for, is still printed)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
            cand ca 'Create a self-signed root CA: PREFIX.crt, PREFIX.key, PREFIX.chain.pem'
            cand issue 'Issue a certificate signed by a CA (intermediate, person, organization, tsa, ocsp)'
            cand inspect 'Show what a certificate or chain says (PEM or DER); does not verify it'
            cand verify 'Validate certificates: path to a trust anchor, constraints, revocation (RFC 5280)'
            cand revoke 'Revoke a certificate issued by a CA made by kyso (recorded in PREFIX.index.txt)'
            cand crl 'Write a CRL for a CA made by kyso, from its database'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'kyso;cert;ca'= {
            cand --subject 'Subject distinguished name, RFC 4514 style, UTF-8 (e.g. "CN=Nguyễn Văn A,O=UBND tỉnh Thái Nguyên,L=Thái Nguyên,C=VN")'
            cand --out 'Write PREFIX.crt, PREFIX.key and PREFIX.chain.pem'
            cand --key-type 'Type of the new key'
            cand --days 'Days of validity from --not-before'
            cand --not-before 'Start of validity, RFC 3339 or YYYY-MM-DD [default: now]'
            cand --password-file 'Encrypt the new key with the password in this file (first line); KYSO_KEY_PASSWORD is used when this is not given'
            cand --p12 'Also write a PKCS#12 bundle (key + chain) protected by the key password'
            cand --format 'Output format: text for people, or one JSON document (with a "schema" version) on stdout'
            cand --lang 'Language of messages [default: from KYSO_LANG, then LANG; English otherwise]'
            cand --color 'Colour output on a terminal (NO_COLOR turns "auto" off)'
            cand --force 'Overwrite existing output files'
            cand -q 'Print only errors (JSON output, when asked for, is still printed)'
            cand --quiet 'Print only errors (JSON output, when asked for, is still printed)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'kyso;cert;issue'= {
            cand --ca 'The issuing CA made by kyso: PREFIX.crt, PREFIX.key (and PREFIX.chain.pem)'
            cand --ca-cert 'The issuing CA''s certificate (PEM or DER; may hold its chain, CA first)'
            cand --ca-key 'The issuing CA''s private key'
            cand --ca-password-file 'Password of the CA key, in a file; KYSO_CA_KEY_PASSWORD is used when not given'
            cand --profile 'What the certificate is for'
            cand --email 'E-mail address for the subjectAltName (repeatable)'
            cand --ocsp-url 'OCSP responder URL for authorityInfoAccess (repeatable; http://)'
            cand --crl-url 'CRL distribution point URL (repeatable; http://)'
            cand --ca-issuers-url 'URL of the issuer''s certificate for authorityInfoAccess caIssuers (repeatable; http://)'
            cand --subject 'Subject distinguished name, RFC 4514 style, UTF-8 (e.g. "CN=Nguyễn Văn A,O=UBND tỉnh Thái Nguyên,L=Thái Nguyên,C=VN")'
            cand --out 'Write PREFIX.crt, PREFIX.key and PREFIX.chain.pem'
            cand --key-type 'Type of the new key'
            cand --days 'Days of validity from --not-before'
            cand --not-before 'Start of validity, RFC 3339 or YYYY-MM-DD [default: now]'
            cand --password-file 'Encrypt the new key with the password in this file (first line); KYSO_KEY_PASSWORD is used when this is not given'
            cand --p12 'Also write a PKCS#12 bundle (key + chain) protected by the key password'
            cand --format 'Output format: text for people, or one JSON document (with a "schema" version) on stdout'
            cand --lang 'Language of messages [default: from KYSO_LANG, then LANG; English otherwise]'
            cand --color 'Colour output on a terminal (NO_COLOR turns "auto" off)'
            cand --force 'Overwrite existing output files'
            cand -q 'Print only errors (JSON output, when asked for, is still printed)'
            cand --quiet 'Print only errors (JSON output, when asked for, is still printed)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'kyso;cert;inspect'= {
            cand --format 'Output format: text for people, or one JSON document (with a "schema" version) on stdout'
            cand --lang 'Language of messages [default: from KYSO_LANG, then LANG; English otherwise]'
            cand --color 'Colour output on a terminal (NO_COLOR turns "auto" off)'
            cand -q 'Print only errors (JSON output, when asked for, is still printed)'
            cand --quiet 'Print only errors (JSON output, when asked for, is still printed)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'kyso;cert;verify'= {
            cand --trust 'Trust anchors: a PEM/DER certificate file, a folder of them, or a trust store @NAME (repeatable)'
            cand --certs 'Untrusted intermediate certificates to help build chains: a file, a folder or a trust store @NAME (repeatable)'
            cand --crl 'CRLs (PEM or DER, repeatable)'
            cand --at 'Validation time, RFC 3339 or YYYY-MM-DD [default: now]'
            cand --purpose 'What the certificate must be good for'
            cand --policy 'An acceptable certificate policy OID (repeatable) [default: any policy]'
            cand --format 'Output format: text for people, or one JSON document (with a "schema" version) on stdout'
            cand --lang 'Language of messages [default: from KYSO_LANG, then LANG; English otherwise]'
            cand --color 'Colour output on a terminal (NO_COLOR turns "auto" off)'
            cand --require-revocation 'Without a usable CRL for every certificate below the anchor the result is indeterminate (TRY_LATER) [default: an unknown status is reported only]'
            cand --explicit-policy 'The path must be valid for at least one (acceptable) certificate policy'
            cand --inhibit-policy-mapping 'Policy mappings are not allowed'
            cand --inhibit-any-policy 'anyPolicy in certificates is not taken as matching every policy'
            cand -q 'Print only errors (JSON output, when asked for, is still printed)'
            cand --quiet 'Print only errors (JSON output, when asked for, is still printed)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'kyso;cert;revoke'= {
            cand --ca 'The CA made by kyso that issued the certificate (PREFIX.crt, PREFIX.index.txt)'
            cand --serial 'Serial number (hex) of a certificate in the CA''s database, instead of CERT'
            cand --reason 'Why (RFC 5280 CRLReason)'
            cand --time 'Revocation time, RFC 3339 or YYYY-MM-DD, not in the future [default: now]'
            cand --format 'Output format: text for people, or one JSON document (with a "schema" version) on stdout'
            cand --lang 'Language of messages [default: from KYSO_LANG, then LANG; English otherwise]'
            cand --color 'Colour output on a terminal (NO_COLOR turns "auto" off)'
            cand -q 'Print only errors (JSON output, when asked for, is still printed)'
            cand --quiet 'Print only errors (JSON output, when asked for, is still printed)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'kyso;cert;crl'= {
            cand --ca 'The CA made by kyso (PREFIX.crt, PREFIX.key, PREFIX.index.txt)'
            cand -o 'Output file [default: PREFIX.crl]'
            cand --out 'Output file [default: PREFIX.crl]'
            cand --days 'Days until nextUpdate'
            cand --ca-password-file 'Password of the CA key, in a file; KYSO_CA_KEY_PASSWORD is used when not given'
            cand --format 'Output format: text for people, or one JSON document (with a "schema" version) on stdout'
            cand --lang 'Language of messages [default: from KYSO_LANG, then LANG; English otherwise]'
            cand --color 'Colour output on a terminal (NO_COLOR turns "auto" off)'
            cand --pem 'Write PEM (`X509 CRL`) instead of DER'
            cand --force 'Overwrite an existing --out file'
            cand -q 'Print only errors (JSON output, when asked for, is still printed)'
            cand --quiet 'Print only errors (JSON output, when asked for, is still printed)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'kyso;cert;help'= {
            cand ca 'Create a self-signed root CA: PREFIX.crt, PREFIX.key, PREFIX.chain.pem'
            cand issue 'Issue a certificate signed by a CA (intermediate, person, organization, tsa, ocsp)'
            cand inspect 'Show what a certificate or chain says (PEM or DER); does not verify it'
            cand verify 'Validate certificates: path to a trust anchor, constraints, revocation (RFC 5280)'
            cand revoke 'Revoke a certificate issued by a CA made by kyso (recorded in PREFIX.index.txt)'
            cand crl 'Write a CRL for a CA made by kyso, from its database'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'kyso;cert;help;ca'= {
        }
        &'kyso;cert;help;issue'= {
        }
        &'kyso;cert;help;inspect'= {
        }
        &'kyso;cert;help;verify'= {
        }
        &'kyso;cert;help;revoke'= {
        }
        &'kyso;cert;help;crl'= {
        }
        &'kyso;cert;help;help'= {
        }
        &'kyso;sign'= {
            cand --as 'Sign as this profile from config.toml or kyso.toml (`kyso profile list`); flags given here override its values'
            cand --key 'Private key file (PEM or DER: PKCS#8, encrypted PKCS#8, PKCS#1 or SEC1); needs --cert'
            cand --p12 'PKCS#12 file (.p12/.pfx) with the key and its certificate chain'
            cand --pkcs11 'PKCS#11 module of a USB token (e.g. /usr/lib/softhsm/libsofthsm2.so); see `kyso token list`'
            cand --token 'Token label (with --pkcs11)'
            cand --slot 'Slot number (with --pkcs11)'
            cand --key-label 'Key label on the token (with --pkcs11)'
            cand --key-id 'Key id on the token, hex (with --pkcs11)'
            cand --pin-file 'Token PIN in a file (first line); KYSO_PIN is used when not given, then a prompt on a terminal'
            cand --cert 'The signer''s certificate (PEM or DER; may also hold the chain, signer first). Optional with --p12, or with --pkcs11 when the token holds the certificate'
            cand --chain 'Issuer certificates to embed (repeatable)'
            cand --password-file 'Password of the key or .p12, in a file (first line); KYSO_KEY_PASSWORD is used when not given, then a prompt on a terminal'
            cand --digest 'Digest algorithm'
            cand -o 'Output file [default: FILE.p7s for a detached signature, NAME.signed.pdf for a PDF]'
            cand --output 'Output file [default: FILE.p7s for a detached signature, NAME.signed.pdf for a PDF]'
            cand --reason 'Reason for signing (/Reason), e.g. "Phê duyệt"'
            cand --location 'Where the signature was made (/Location), e.g. "Thái Nguyên"'
            cand --contact 'How to reach the signer (/ContactInfo)'
            cand --field 'Sign this existing empty signature field instead of adding a new one'
            cand --field-name 'Name of the new signature field [default: Signature{N}]'
            cand --subfilter 'Signature format in the PDF'
            cand --certify 'Make a certification (author) signature with these DocMDP permissions'
            cand --appearance 'Visible signature as Decree 30/2020/NĐ-CP prescribes: approve (the leader''s signature image), issue (the seal with the document number and date), attachment or copy (text at the top right of the first page)'
            cand --page 'Page of the visible signature (1-based)'
            cand --rect 'Box of the visible signature in PDF points: x1,y1,x2,y2'
            cand --anchor 'Place the visible signature relative to this text on the page (e.g. the signer''s name)'
            cand --image 'Image for the appearance: the signature (approve) or the seal (issue); PNG or JPEG'
            cand --doc-number 'Document number and symbol (số, ký hiệu), e.g. "123/UBND-VP"'
            cand --copy-type 'Copy type for --appearance copy: "SAO Y", "SAO LỤC", "TRÍCH SAO"'
            cand --agency 'Agency name shown by the attachment and copy appearances'
            cand --font 'TrueType font for appearance text [default: Liberation Serif, metric-compatible with Times New Roman]'
            cand --pdf-password-file 'Password of an encrypted PDF (user or owner), in a file (first line); KYSO_PDF_PASSWORD is used when not given'
            cand --profile 'Signature layout'
            cand --c14n 'Canonicalization for SignedInfo and the references (the e-invoice profile uses c14n)'
            cand --ref-id 'Sign the element with this ID instead of the whole document'
            cand --id-attr 'Attribute names that carry IDs (repeatable) [default: Id, ID, id]'
            cand --into 'Put the Signature inside this element (a path of element names, e.g. /HDon/DSCKS/NBan)'
            cand --level 'Signature level [default: t with --tsa, else b]; lta is for PDF documents'
            cand --tsa 'RFC 3161 time-stamp service (http://...), e.g. the one `kyso pki serve` runs at /tsa'
            cand --tsa-cert 'The TSA''s certificate (PEM or DER): tokens must be signed by it'
            cand --timeout 'Seconds to wait for each network call (TSA, OCSP, CRL, caIssuers)'
            cand --crl 'CRL files (PEM or DER, repeatable) to embed as revocation data'
            cand --ocsp-response 'OCSP response files (DER, repeatable) to embed as revocation data'
            cand --format 'Output format: text for people, or one JSON document (with a "schema" version) on stdout'
            cand --lang 'Language of messages [default: from KYSO_LANG, then LANG; English otherwise]'
            cand --color 'Colour output on a terminal (NO_COLOR turns "auto" off)'
            cand --pss 'Use RSASSA-PSS instead of PKCS#1 v1.5 for RSA keys (Circular 15/2025/TT-BKHCN)'
            cand --detached 'Write a detached CMS signature (.p7s) whatever the document''s format'
            cand --attached 'Write an attached CMS signature (FILE.p7m) that carries the document, whatever its format'
            cand --pem 'Write the detached signature as PEM instead of DER'
            cand --force 'Overwrite an existing output file'
            cand --xades 'Add XAdES B-B signed properties (SigningTime, SigningCertificateV2, DataObjectFormat)'
            cand --ds-prefix 'Write the signature with the `ds:` prefix instead of a default namespace'
            cand --online 'Fetch certificates and revocation data named by the certificates (AIA OCSP and caIssuers, CRL distribution points) over HTTP'
            cand -q 'Print only errors (JSON output, when asked for, is still printed)'
            cand --quiet 'Print only errors (JSON output, when asked for, is still printed)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'kyso;verify'= {
            cand --signature 'The detached signature of the (single) FILE'
            cand --extract 'CMS: write the content an attached signature (.p7m) carries to OUT (not when the signature is invalid); an existing OUT is kept unless --force'
            cand --report 'Also write a verification report for people, in the --lang language: FILE.html (one self-contained file, no network, no script) or FILE.pdf (A4, for the record); a summary table first for several files'
            cand --id-attr 'XML: attribute names that carry IDs (repeatable) [default: Id, ID, id]'
            cand --content 'XML: the folder (or the single file) where detached references are found [default: the signature file''s folder]; nothing outside it is read'
            cand --max-references 'XML: most References per SignedInfo or Manifest'
            cand --max-reference-bytes 'XML: most bytes the references of one document may canonicalize or read [default: 32 MiB + 4 × the file size]'
            cand --profile 'XML: layout rules (the Vietnamese ones refuse signatures over elements applications do not read, and verify each invoice of a message within its own HDon)'
            cand --require-signed 'XML: an element (simple absolute path, e.g. /Envelope/Body/Order) that an intact signature must cover (repeatable)'
            cand --trust 'Trust anchors: a PEM/DER certificate file, a folder of them, or a trust store @NAME (`kyso trust list`; @vn: the Vietnamese national and Government CA roots) (repeatable). Without anchors no signature can be better than "indeterminate"'
            cand --certs 'Untrusted intermediate certificates to help build chains: a file, a folder or a trust store @NAME (@vn: the Vietnamese public CAs) (repeatable)'
            cand --crl 'CRLs (PEM or DER, repeatable): a certificate revoked before the validation time makes the signature invalid'
            cand --at 'Validation time, RFC 3339 or YYYY-MM-DD [default: now]'
            cand --pdf-password-file 'Password of encrypted PDFs, in a file (first line); KYSO_PDF_PASSWORD is used when not given (the empty user password is always tried)'
            cand --pdf-work-limit 'Work budget of a PDF''s revision analysis, in object visits; a document that needs more is INDETERMINATE (LIMIT_EXCEEDED)'
            cand --cert-policy 'An acceptable certificate policy OID (repeatable) [default: any policy]'
            cand --include 'Only files matching this glob (relative path; repeatable), e.g. "*.pdf"'
            cand --exclude 'Leave out files matching this glob (repeatable)'
            cand --max-attachment-size 'Largest attachment, and largest file unpacked from a zip (K, M, G suffixes)'
            cand --max-package-size 'Most bytes decoded and unpacked from one package, nested packages included'
            cand --max-attachments 'Most attachments in a package, and most files in one zip'
            cand --max-zip-ratio 'Largest unpacked/packed size ratio of a zip entry over 1 MiB'
            cand --policy 'A policy file (TOML with a [verify] table); without it, the [verify] table of the nearest kyso.toml (this folder or one above) is used when there is one'
            cand --require-signer 'Accept only valid signatures by this signer: a certificate SHA-256, a certificate file, or subject attributes such as UID=MST:0101234567 or O=… (issuer:… for the issuer); repeatable, any one matches'
            cand --min-signatures 'At least N valid signatures (by required signers, when given)'
            cand --require-level 'Signature level at least b, t, lt or lta'
            cand --allow-algorithms 'Allowed digest and signature algorithms, comma-separated (e.g. sha256,sha384,rsa,ecdsa)'
            cand --min-rsa-bits 'Signers'' RSA keys at least this many bits'
            cand --signed-after 'Signed at or after TIME (RFC 3339 or YYYY-MM-DD; the proven time when there is one)'
            cand --signed-before 'Signed before TIME'
            cand --ocsp-response 'OCSP responses (DER OCSPResponse files, repeatable) to use as revocation data'
            cand --revocation-timeout 'With --online: seconds to wait for each OCSP or CRL request'
            cand --format 'Output format: text for people, or one JSON document (with a "schema" version) on stdout'
            cand --lang 'Language of messages [default: from KYSO_LANG, then LANG; English otherwise]'
            cand --color 'Colour output on a terminal (NO_COLOR turns "auto" off)'
            cand --force 'With --extract or --report: replace an existing OUT or report'
            cand --require-revocation 'Without a usable CRL for every certificate below the anchor the result is indeterminate (TRY_LATER) [default: an unknown status is reported only]'
            cand --explicit-policy 'The path must be valid for at least one (acceptable) certificate policy'
            cand --inhibit-policy-mapping 'Policy mappings are not allowed'
            cand --inhibit-any-policy 'anyPolicy in certificates is not taken as matching every policy'
            cand --hidden 'Also take hidden files and folders (names starting with ''.'')'
            cand --no-policy 'Ignore kyso.toml'
            cand --require-whole-file 'A valid signature covers the whole file (nothing added after the last signature)'
            cand --require-certification 'A valid certification (DocMDP) signature on the PDF'
            cand --online 'Fetch missing revocation data over HTTP: an OCSP response from each certificate''s AIA, else its CRL distribution point (implies --require-revocation; without it nothing is fetched)'
            cand -q 'Print only errors (JSON output, when asked for, is still printed)'
            cand --quiet 'Print only errors (JSON output, when asked for, is still printed)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'kyso;timestamp'= {
            cand -o 'Output file [default: NAME.timestamped.pdf]'
            cand --output 'Output file [default: NAME.timestamped.pdf]'
            cand --digest 'Digest of the document sent to the TSA'
            cand --pdf-password-file 'Password of an encrypted PDF (user or owner), in a file (first line); KYSO_PDF_PASSWORD is used when not given'
            cand --tsa 'RFC 3161 time-stamp service (http://...), e.g. the one `kyso pki serve` runs at /tsa'
            cand --tsa-cert 'The TSA''s certificate (PEM or DER): tokens must be signed by it'
            cand --timeout 'Seconds to wait for each network call (TSA, OCSP, CRL, caIssuers)'
            cand --format 'Output format: text for people, or one JSON document (with a "schema" version) on stdout'
            cand --lang 'Language of messages [default: from KYSO_LANG, then LANG; English otherwise]'
            cand --color 'Colour output on a terminal (NO_COLOR turns "auto" off)'
            cand --force 'Overwrite an existing output file'
            cand -q 'Print only errors (JSON output, when asked for, is still printed)'
            cand --quiet 'Print only errors (JSON output, when asked for, is still printed)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'kyso;extend'= {
            cand --level 'The level to raise the document''s signatures to'
            cand -o 'Output file [default: NAME.lt.EXT or NAME.lta.pdf]'
            cand --output 'Output file [default: NAME.lt.EXT or NAME.lta.pdf]'
            cand --chain 'Certificates that complete the signers'' chains (repeatable)'
            cand --digest 'Digest of the document time-stamp (lta), or of a signature time-stamp added to a CMS or XAdES signature that has none'
            cand --pdf-password-file 'Password of an encrypted PDF, in a file (first line); KYSO_PDF_PASSWORD otherwise'
            cand --tsa 'RFC 3161 time-stamp service (http://...), e.g. the one `kyso pki serve` runs at /tsa'
            cand --tsa-cert 'The TSA''s certificate (PEM or DER): tokens must be signed by it'
            cand --timeout 'Seconds to wait for each network call (TSA, OCSP, CRL, caIssuers)'
            cand --crl 'CRL files (PEM or DER, repeatable) to embed as revocation data'
            cand --ocsp-response 'OCSP response files (DER, repeatable) to embed as revocation data'
            cand --format 'Output format: text for people, or one JSON document (with a "schema" version) on stdout'
            cand --lang 'Language of messages [default: from KYSO_LANG, then LANG; English otherwise]'
            cand --color 'Colour output on a terminal (NO_COLOR turns "auto" off)'
            cand --force 'Overwrite an existing output file'
            cand --online 'Fetch certificates and revocation data named by the certificates (AIA OCSP and caIssuers, CRL distribution points) over HTTP'
            cand -q 'Print only errors (JSON output, when asked for, is still printed)'
            cand --quiet 'Print only errors (JSON output, when asked for, is still printed)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'kyso;batch'= {
            cand --format 'Output format: text for people, or one JSON document (with a "schema" version) on stdout'
            cand --lang 'Language of messages [default: from KYSO_LANG, then LANG; English otherwise]'
            cand --color 'Colour output on a terminal (NO_COLOR turns "auto" off)'
            cand -q 'Print only errors (JSON output, when asked for, is still printed)'
            cand --quiet 'Print only errors (JSON output, when asked for, is still printed)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
            cand sign 'Sign every PDF and XML document of a folder tree into a mirrored output tree'
            cand verify 'Verify every file of one or more folder trees'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'kyso;batch;sign'= {
            cand -o 'The folder for the signed documents (the input tree is mirrored)'
            cand --output 'The folder for the signed documents (the input tree is mirrored)'
            cand --others 'Files that are neither PDF nor XML: skip them, or sign them as detached .p7s'
            cand -j 'Worker threads [default: two per core]'
            cand --jobs 'Worker threads [default: two per core]'
            cand --report 'Write a manifest (JSON, or CSV for a .csv name): per file input/output paths and SHA-256, status, reason, signer, time; a journal (REPORT.journal) is kept meanwhile'
            cand --include 'Only files matching this glob (relative path; repeatable), e.g. "*.pdf"'
            cand --exclude 'Leave out files matching this glob (repeatable)'
            cand --as 'Sign as this profile from config.toml or kyso.toml (`kyso profile list`); flags given here override its values'
            cand --key 'Private key file (PEM or DER: PKCS#8, encrypted PKCS#8, PKCS#1 or SEC1); needs --cert'
            cand --p12 'PKCS#12 file (.p12/.pfx) with the key and its certificate chain'
            cand --pkcs11 'PKCS#11 module of a USB token (e.g. /usr/lib/softhsm/libsofthsm2.so); see `kyso token list`'
            cand --token 'Token label (with --pkcs11)'
            cand --slot 'Slot number (with --pkcs11)'
            cand --key-label 'Key label on the token (with --pkcs11)'
            cand --key-id 'Key id on the token, hex (with --pkcs11)'
            cand --pin-file 'Token PIN in a file (first line); KYSO_PIN is used when not given, then a prompt on a terminal'
            cand --cert 'The signer''s certificate (PEM or DER; may also hold the chain, signer first). Optional with --p12, or with --pkcs11 when the token holds the certificate'
            cand --chain 'Issuer certificates to embed (repeatable)'
            cand --password-file 'Password of the key or .p12, in a file (first line); KYSO_KEY_PASSWORD is used when not given, then a prompt on a terminal'
            cand --digest 'Digest algorithm'
            cand --reason 'Reason for signing (/Reason), e.g. "Phê duyệt"'
            cand --location 'Where the signature was made (/Location), e.g. "Thái Nguyên"'
            cand --contact 'How to reach the signer (/ContactInfo)'
            cand --field 'Sign this existing empty signature field instead of adding a new one'
            cand --field-name 'Name of the new signature field [default: Signature{N}]'
            cand --subfilter 'Signature format in the PDF'
            cand --certify 'Make a certification (author) signature with these DocMDP permissions'
            cand --appearance 'Visible signature as Decree 30/2020/NĐ-CP prescribes: approve (the leader''s signature image), issue (the seal with the document number and date), attachment or copy (text at the top right of the first page)'
            cand --page 'Page of the visible signature (1-based)'
            cand --rect 'Box of the visible signature in PDF points: x1,y1,x2,y2'
            cand --anchor 'Place the visible signature relative to this text on the page (e.g. the signer''s name)'
            cand --image 'Image for the appearance: the signature (approve) or the seal (issue); PNG or JPEG'
            cand --doc-number 'Document number and symbol (số, ký hiệu), e.g. "123/UBND-VP"'
            cand --copy-type 'Copy type for --appearance copy: "SAO Y", "SAO LỤC", "TRÍCH SAO"'
            cand --agency 'Agency name shown by the attachment and copy appearances'
            cand --font 'TrueType font for appearance text [default: Liberation Serif, metric-compatible with Times New Roman]'
            cand --pdf-password-file 'Password of an encrypted PDF (user or owner), in a file (first line); KYSO_PDF_PASSWORD is used when not given'
            cand --profile 'Signature layout'
            cand --c14n 'Canonicalization for SignedInfo and the references (the e-invoice profile uses c14n)'
            cand --ref-id 'Sign the element with this ID instead of the whole document'
            cand --id-attr 'Attribute names that carry IDs (repeatable) [default: Id, ID, id]'
            cand --into 'Put the Signature inside this element (a path of element names, e.g. /HDon/DSCKS/NBan)'
            cand --level 'Signature level [default: t with --tsa, else b]; lta is for PDF documents'
            cand --tsa 'RFC 3161 time-stamp service (http://...), e.g. the one `kyso pki serve` runs at /tsa'
            cand --tsa-cert 'The TSA''s certificate (PEM or DER): tokens must be signed by it'
            cand --timeout 'Seconds to wait for each network call (TSA, OCSP, CRL, caIssuers)'
            cand --crl 'CRL files (PEM or DER, repeatable) to embed as revocation data'
            cand --ocsp-response 'OCSP response files (DER, repeatable) to embed as revocation data'
            cand --format 'Output format: text for people, or one JSON document (with a "schema" version) on stdout'
            cand --lang 'Language of messages [default: from KYSO_LANG, then LANG; English otherwise]'
            cand --color 'Colour output on a terminal (NO_COLOR turns "auto" off)'
            cand --in-place 'Replace each PDF/XML input by its signed version (and put .p7s beside others)'
            cand --resume 'Continue an interrupted batch: skip files whose output exists and verifies'
            cand --force 'Overwrite existing outputs'
            cand --hidden 'Also take hidden files and folders (names starting with ''.'')'
            cand --pss 'Use RSASSA-PSS instead of PKCS#1 v1.5 for RSA keys (Circular 15/2025/TT-BKHCN)'
            cand --xades 'Add XAdES B-B signed properties (SigningTime, SigningCertificateV2, DataObjectFormat)'
            cand --ds-prefix 'Write the signature with the `ds:` prefix instead of a default namespace'
            cand --online 'Fetch certificates and revocation data named by the certificates (AIA OCSP and caIssuers, CRL distribution points) over HTTP'
            cand -q 'Print only errors (JSON output, when asked for, is still printed)'
            cand --quiet 'Print only errors (JSON output, when asked for, is still printed)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'kyso;batch;verify'= {
            cand --id-attr 'XML: attribute names that carry IDs (repeatable) [default: Id, ID, id]'
            cand -j 'Worker threads [default: all cores]'
            cand --jobs 'Worker threads [default: all cores]'
            cand --trust 'Trust anchors: a PEM/DER certificate file, a folder of them, or a trust store @NAME (`kyso trust list`; @vn: the Vietnamese national and Government CA roots) (repeatable). Without anchors no signature can be better than "indeterminate"'
            cand --certs 'Untrusted intermediate certificates to help build chains: a file, a folder or a trust store @NAME (@vn: the Vietnamese public CAs) (repeatable)'
            cand --crl 'CRLs (PEM or DER, repeatable): a certificate revoked before the validation time makes the signature invalid'
            cand --at 'Validation time, RFC 3339 or YYYY-MM-DD [default: now]'
            cand --pdf-password-file 'Password of encrypted PDFs, in a file (first line); KYSO_PDF_PASSWORD is used when not given (the empty user password is always tried)'
            cand --pdf-work-limit 'Work budget of a PDF''s revision analysis, in object visits; a document that needs more is INDETERMINATE (LIMIT_EXCEEDED)'
            cand --cert-policy 'An acceptable certificate policy OID (repeatable) [default: any policy]'
            cand --include 'Only files matching this glob (relative path; repeatable), e.g. "*.pdf"'
            cand --exclude 'Leave out files matching this glob (repeatable)'
            cand --max-attachment-size 'Largest attachment, and largest file unpacked from a zip (K, M, G suffixes)'
            cand --max-package-size 'Most bytes decoded and unpacked from one package, nested packages included'
            cand --max-attachments 'Most attachments in a package, and most files in one zip'
            cand --max-zip-ratio 'Largest unpacked/packed size ratio of a zip entry over 1 MiB'
            cand --policy 'A policy file (TOML with a [verify] table); without it, the [verify] table of the nearest kyso.toml (this folder or one above) is used when there is one'
            cand --require-signer 'Accept only valid signatures by this signer: a certificate SHA-256, a certificate file, or subject attributes such as UID=MST:0101234567 or O=… (issuer:… for the issuer); repeatable, any one matches'
            cand --min-signatures 'At least N valid signatures (by required signers, when given)'
            cand --require-level 'Signature level at least b, t, lt or lta'
            cand --allow-algorithms 'Allowed digest and signature algorithms, comma-separated (e.g. sha256,sha384,rsa,ecdsa)'
            cand --min-rsa-bits 'Signers'' RSA keys at least this many bits'
            cand --signed-after 'Signed at or after TIME (RFC 3339 or YYYY-MM-DD; the proven time when there is one)'
            cand --signed-before 'Signed before TIME'
            cand --ocsp-response 'OCSP responses (DER OCSPResponse files, repeatable) to use as revocation data'
            cand --revocation-timeout 'With --online: seconds to wait for each OCSP or CRL request'
            cand --format 'Output format: text for people, or one JSON document (with a "schema" version) on stdout'
            cand --lang 'Language of messages [default: from KYSO_LANG, then LANG; English otherwise]'
            cand --color 'Colour output on a terminal (NO_COLOR turns "auto" off)'
            cand --require-revocation 'Without a usable CRL for every certificate below the anchor the result is indeterminate (TRY_LATER) [default: an unknown status is reported only]'
            cand --explicit-policy 'The path must be valid for at least one (acceptable) certificate policy'
            cand --inhibit-policy-mapping 'Policy mappings are not allowed'
            cand --inhibit-any-policy 'anyPolicy in certificates is not taken as matching every policy'
            cand --hidden 'Also take hidden files and folders (names starting with ''.'')'
            cand --no-policy 'Ignore kyso.toml'
            cand --require-whole-file 'A valid signature covers the whole file (nothing added after the last signature)'
            cand --require-certification 'A valid certification (DocMDP) signature on the PDF'
            cand --online 'Fetch missing revocation data over HTTP: an OCSP response from each certificate''s AIA, else its CRL distribution point (implies --require-revocation; without it nothing is fetched)'
            cand -q 'Print only errors (JSON output, when asked for, is still printed)'
            cand --quiet 'Print only errors (JSON output, when asked for, is still printed)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'kyso;batch;help'= {
            cand sign 'Sign every PDF and XML document of a folder tree into a mirrored output tree'
            cand verify 'Verify every file of one or more folder trees'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'kyso;batch;help;sign'= {
        }
        &'kyso;batch;help;verify'= {
        }
        &'kyso;batch;help;help'= {
        }
        &'kyso;trust'= {
            cand --format 'Output format: text for people, or one JSON document (with a "schema" version) on stdout'
            cand --lang 'Language of messages [default: from KYSO_LANG, then LANG; English otherwise]'
            cand --color 'Colour output on a terminal (NO_COLOR turns "auto" off)'
            cand -q 'Print only errors (JSON output, when asked for, is still printed)'
            cand --quiet 'Print only errors (JSON output, when asked for, is still printed)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
            cand add 'Add CA certificates (PEM or DER, several per file, or a .p7b bundle) to a store, creating it'
            cand list 'List the trust stores: the built-in ones and the user''s'
            cand show 'Show each certificate of a store: subject, issuer, validity, SHA-256'
            cand remove 'Remove a user store and its certificates'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'kyso;trust;add'= {
            cand --format 'Output format: text for people, or one JSON document (with a "schema" version) on stdout'
            cand --lang 'Language of messages [default: from KYSO_LANG, then LANG; English otherwise]'
            cand --color 'Colour output on a terminal (NO_COLOR turns "auto" off)'
            cand -q 'Print only errors (JSON output, when asked for, is still printed)'
            cand --quiet 'Print only errors (JSON output, when asked for, is still printed)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'kyso;trust;list'= {
            cand --format 'Output format: text for people, or one JSON document (with a "schema" version) on stdout'
            cand --lang 'Language of messages [default: from KYSO_LANG, then LANG; English otherwise]'
            cand --color 'Colour output on a terminal (NO_COLOR turns "auto" off)'
            cand -q 'Print only errors (JSON output, when asked for, is still printed)'
            cand --quiet 'Print only errors (JSON output, when asked for, is still printed)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'kyso;trust;show'= {
            cand --format 'Output format: text for people, or one JSON document (with a "schema" version) on stdout'
            cand --lang 'Language of messages [default: from KYSO_LANG, then LANG; English otherwise]'
            cand --color 'Colour output on a terminal (NO_COLOR turns "auto" off)'
            cand -q 'Print only errors (JSON output, when asked for, is still printed)'
            cand --quiet 'Print only errors (JSON output, when asked for, is still printed)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'kyso;trust;remove'= {
            cand --format 'Output format: text for people, or one JSON document (with a "schema" version) on stdout'
            cand --lang 'Language of messages [default: from KYSO_LANG, then LANG; English otherwise]'
            cand --color 'Colour output on a terminal (NO_COLOR turns "auto" off)'
            cand -q 'Print only errors (JSON output, when asked for, is still printed)'
            cand --quiet 'Print only errors (JSON output, when asked for, is still printed)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'kyso;trust;help'= {
            cand add 'Add CA certificates (PEM or DER, several per file, or a .p7b bundle) to a store, creating it'
            cand list 'List the trust stores: the built-in ones and the user''s'
            cand show 'Show each certificate of a store: subject, issuer, validity, SHA-256'
            cand remove 'Remove a user store and its certificates'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'kyso;trust;help;add'= {
        }
        &'kyso;trust;help;list'= {
        }
        &'kyso;trust;help;show'= {
        }
        &'kyso;trust;help;remove'= {
        }
        &'kyso;trust;help;help'= {
        }
        &'kyso;token'= {
            cand --format 'Output format: text for people, or one JSON document (with a "schema" version) on stdout'
            cand --lang 'Language of messages [default: from KYSO_LANG, then LANG; English otherwise]'
            cand --color 'Colour output on a terminal (NO_COLOR turns "auto" off)'
            cand -q 'Print only errors (JSON output, when asked for, is still printed)'
            cand --quiet 'Print only errors (JSON output, when asked for, is still printed)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
            cand list 'List slots, tokens, and the keys and certificates on them'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'kyso;token;list'= {
            cand --pkcs11 'PKCS#11 module of the token (e.g. /usr/lib/softhsm/libsofthsm2.so)'
            cand --token 'Only this token (label)'
            cand --pin-file 'Log in with the PIN in this file to list private keys too (KYSO_PIN also works); without a PIN only public objects are listed'
            cand --format 'Output format: text for people, or one JSON document (with a "schema" version) on stdout'
            cand --lang 'Language of messages [default: from KYSO_LANG, then LANG; English otherwise]'
            cand --color 'Colour output on a terminal (NO_COLOR turns "auto" off)'
            cand -q 'Print only errors (JSON output, when asked for, is still printed)'
            cand --quiet 'Print only errors (JSON output, when asked for, is still printed)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'kyso;token;help'= {
            cand list 'List slots, tokens, and the keys and certificates on them'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'kyso;token;help;list'= {
        }
        &'kyso;token;help;help'= {
        }
        &'kyso;profile'= {
            cand --format 'Output format: text for people, or one JSON document (with a "schema" version) on stdout'
            cand --lang 'Language of messages [default: from KYSO_LANG, then LANG; English otherwise]'
            cand --color 'Colour output on a terminal (NO_COLOR turns "auto" off)'
            cand -q 'Print only errors (JSON output, when asked for, is still printed)'
            cand --quiet 'Print only errors (JSON output, when asked for, is still printed)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
            cand list 'List the signing profiles (the user''s config.toml, then the project''s kyso.toml)'
            cand show 'Show what a profile resolves to (PINs and passwords shown as where they come from)'
            cand add 'Create a profile: asks on a terminal (token, key, appearance, image), or takes flags'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'kyso;profile;list'= {
            cand --format 'Output format: text for people, or one JSON document (with a "schema" version) on stdout'
            cand --lang 'Language of messages [default: from KYSO_LANG, then LANG; English otherwise]'
            cand --color 'Colour output on a terminal (NO_COLOR turns "auto" off)'
            cand -q 'Print only errors (JSON output, when asked for, is still printed)'
            cand --quiet 'Print only errors (JSON output, when asked for, is still printed)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'kyso;profile;show'= {
            cand --format 'Output format: text for people, or one JSON document (with a "schema" version) on stdout'
            cand --lang 'Language of messages [default: from KYSO_LANG, then LANG; English otherwise]'
            cand --color 'Colour output on a terminal (NO_COLOR turns "auto" off)'
            cand -q 'Print only errors (JSON output, when asked for, is still printed)'
            cand --quiet 'Print only errors (JSON output, when asked for, is still printed)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'kyso;profile;add'= {
            cand --key 'Private key file; needs --cert'
            cand --p12 'PKCS#12 file (.p12/.pfx)'
            cand --pkcs11 'PKCS#11 module of a USB token'
            cand --token 'Token label'
            cand --slot 'Slot number'
            cand --key-label 'Key label on the token'
            cand --key-id 'Key id on the token, hex'
            cand --pin-file 'A file holding the token PIN (the PIN itself is never stored)'
            cand --cert 'The signer''s certificate file'
            cand --chain 'Issuer certificates to embed (repeatable)'
            cand --password-file 'A file holding the key or .p12 password (the password itself is never stored)'
            cand --digest 'Digest algorithm'
            cand --appearance 'Visible signature (Decree 30/2020/NĐ-CP step)'
            cand --image 'Image for the appearance (signature or seal), PNG or JPEG'
            cand --anchor 'Place the visible signature relative to this text (e.g. the signer''s name)'
            cand --rect 'Box of the visible signature: x1,y1,x2,y2'
            cand --page 'Page of the visible signature (1-based)'
            cand --reason 'Reason for signing, e.g. "Phê duyệt"'
            cand --location 'Where the signature is made, e.g. "Thái Nguyên"'
            cand --contact 'How to reach the signer'
            cand --format 'Output format: text for people, or one JSON document (with a "schema" version) on stdout'
            cand --lang 'Language of messages [default: from KYSO_LANG, then LANG; English otherwise]'
            cand --color 'Colour output on a terminal (NO_COLOR turns "auto" off)'
            cand --project 'Write into the project''s kyso.toml (the nearest one, else ./kyso.toml) instead of the user''s config.toml'
            cand --force 'Replace a profile of the same name'
            cand --no-input 'Never ask: write what the flags say'
            cand --pss 'RSASSA-PSS for RSA keys'
            cand -q 'Print only errors (JSON output, when asked for, is still printed)'
            cand --quiet 'Print only errors (JSON output, when asked for, is still printed)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'kyso;profile;help'= {
            cand list 'List the signing profiles (the user''s config.toml, then the project''s kyso.toml)'
            cand show 'Show what a profile resolves to (PINs and passwords shown as where they come from)'
            cand add 'Create a profile: asks on a terminal (token, key, appearance, image), or takes flags'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'kyso;profile;help;list'= {
        }
        &'kyso;profile;help;show'= {
        }
        &'kyso;profile;help;add'= {
        }
        &'kyso;profile;help;help'= {
        }
        &'kyso;pki'= {
            cand --format 'Output format: text for people, or one JSON document (with a "schema" version) on stdout'
            cand --lang 'Language of messages [default: from KYSO_LANG, then LANG; English otherwise]'
            cand --color 'Colour output on a terminal (NO_COLOR turns "auto" off)'
            cand -q 'Print only errors (JSON output, when asked for, is still printed)'
            cand --quiet 'Print only errors (JSON output, when asked for, is still printed)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
            cand serve 'Answer RFC 3161 time-stamp, RFC 6960 OCSP and CRL requests for a test PKI folder'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'kyso;pki;serve'= {
            cand --listen 'Address to listen on (port 0: any free port)'
            cand --tsa 'The TSA to use when DIR has several (its file prefix)'
            cand --ocsp-validity 'Seconds from an OCSP response''s thisUpdate to its nextUpdate'
            cand --crl-validity 'Seconds from a CRL''s thisUpdate to its nextUpdate'
            cand --password-file 'Password of encrypted CA, TSA or responder keys, in a file; KYSO_CA_KEY_PASSWORD is used when not given'
            cand --workers 'Worker threads'
            cand --format 'Output format: text for people, or one JSON document (with a "schema" version) on stdout'
            cand --lang 'Language of messages [default: from KYSO_LANG, then LANG; English otherwise]'
            cand --color 'Colour output on a terminal (NO_COLOR turns "auto" off)'
            cand --allow-remote 'Allow a non-loopback address (the services sign whatever they are asked to)'
            cand -q 'Print only errors (JSON output, when asked for, is still printed)'
            cand --quiet 'Print only errors (JSON output, when asked for, is still printed)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'kyso;pki;help'= {
            cand serve 'Answer RFC 3161 time-stamp, RFC 6960 OCSP and CRL requests for a test PKI folder'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'kyso;pki;help;serve'= {
        }
        &'kyso;pki;help;help'= {
        }
        &'kyso;edxml'= {
            cand --format 'Output format: text for people, or one JSON document (with a "schema" version) on stdout'
            cand --lang 'Language of messages [default: from KYSO_LANG, then LANG; English otherwise]'
            cand --color 'Colour output on a terminal (NO_COLOR turns "auto" off)'
            cand -q 'Print only errors (JSON output, when asked for, is still printed)'
            cand --quiet 'Print only errors (JSON output, when asked for, is still printed)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
            cand inspect 'Show a package''s header, manifest and attachments (nothing is verified)'
            cand extract 'Write a package''s attachments into a folder'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'kyso;edxml;inspect'= {
            cand --max-attachment-size 'Largest attachment, and largest file unpacked from a zip (K, M, G suffixes)'
            cand --max-package-size 'Most bytes decoded and unpacked from one package, nested packages included'
            cand --max-attachments 'Most attachments in a package, and most files in one zip'
            cand --max-zip-ratio 'Largest unpacked/packed size ratio of a zip entry over 1 MiB'
            cand --format 'Output format: text for people, or one JSON document (with a "schema" version) on stdout'
            cand --lang 'Language of messages [default: from KYSO_LANG, then LANG; English otherwise]'
            cand --color 'Colour output on a terminal (NO_COLOR turns "auto" off)'
            cand -q 'Print only errors (JSON output, when asked for, is still printed)'
            cand --quiet 'Print only errors (JSON output, when asked for, is still printed)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'kyso;edxml;extract'= {
            cand -o 'The folder to write the attachments into (created if missing)'
            cand --output 'The folder to write the attachments into (created if missing)'
            cand --max-attachment-size 'Largest attachment, and largest file unpacked from a zip (K, M, G suffixes)'
            cand --max-package-size 'Most bytes decoded and unpacked from one package, nested packages included'
            cand --max-attachments 'Most attachments in a package, and most files in one zip'
            cand --max-zip-ratio 'Largest unpacked/packed size ratio of a zip entry over 1 MiB'
            cand --format 'Output format: text for people, or one JSON document (with a "schema" version) on stdout'
            cand --lang 'Language of messages [default: from KYSO_LANG, then LANG; English otherwise]'
            cand --color 'Colour output on a terminal (NO_COLOR turns "auto" off)'
            cand --force 'Replace existing files'
            cand -q 'Print only errors (JSON output, when asked for, is still printed)'
            cand --quiet 'Print only errors (JSON output, when asked for, is still printed)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'kyso;edxml;help'= {
            cand inspect 'Show a package''s header, manifest and attachments (nothing is verified)'
            cand extract 'Write a package''s attachments into a folder'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'kyso;edxml;help;inspect'= {
        }
        &'kyso;edxml;help;extract'= {
        }
        &'kyso;edxml;help;help'= {
        }
        &'kyso;demo'= {
            cand --format 'Output format: text for people, or one JSON document (with a "schema" version) on stdout'
            cand --lang 'Language of messages [default: from KYSO_LANG, then LANG; English otherwise]'
            cand --color 'Colour output on a terminal (NO_COLOR turns "auto" off)'
            cand -q 'Print only errors (JSON output, when asked for, is still printed)'
            cand --quiet 'Print only errors (JSON output, when asked for, is still printed)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'kyso;completions'= {
            cand --format 'Output format: text for people, or one JSON document (with a "schema" version) on stdout'
            cand --lang 'Language of messages [default: from KYSO_LANG, then LANG; English otherwise]'
            cand --color 'Colour output on a terminal (NO_COLOR turns "auto" off)'
            cand -q 'Print only errors (JSON output, when asked for, is still printed)'
            cand --quiet 'Print only errors (JSON output, when asked for, is still printed)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'kyso;manpage'= {
            cand --format 'Output format: text for people, or one JSON document (with a "schema" version) on stdout'
            cand --lang 'Language of messages [default: from KYSO_LANG, then LANG; English otherwise]'
            cand --color 'Colour output on a terminal (NO_COLOR turns "auto" off)'
            cand -q 'Print only errors (JSON output, when asked for, is still printed)'
            cand --quiet 'Print only errors (JSON output, when asked for, is still printed)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'kyso;help'= {
            cand cert 'Create and inspect certificates (test PKIs)'
            cand sign 'Sign a document (detached CMS .p7s for any file)'
            cand verify 'Verify signatures and certificate chains'
            cand timestamp 'Add a document time-stamp to a PDF (PAdES, /ETSI.RFC3161)'
            cand extend 'Raise signatures to B-LT or B-LTA (PDF; CMS .p7s/.p7m and XAdES: B-LT)'
            cand batch 'Sign or verify whole folders, in parallel'
            cand trust 'Named trust stores (`--trust @NAME`, `--certs @NAME`; built-in: @vn): add, list, show, remove'
            cand token 'PKCS#11 hardware tokens'
            cand profile 'Named signing profiles (`kyso sign FILE --as NAME`): list, show, add'
            cand pki 'Test-PKI services: RFC 3161 time-stamps, OCSP and CRLs over HTTP'
            cand edxml 'edXML packages from the document exchange axis: inspect, extract'
            cand demo 'Run the main job on an embedded sample: make a test PKI, then sign and verify'
            cand completions 'Print a shell completion script'
            cand manpage 'Print the man page (roff)'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'kyso;help;cert'= {
            cand ca 'Create a self-signed root CA: PREFIX.crt, PREFIX.key, PREFIX.chain.pem'
            cand issue 'Issue a certificate signed by a CA (intermediate, person, organization, tsa, ocsp)'
            cand inspect 'Show what a certificate or chain says (PEM or DER); does not verify it'
            cand verify 'Validate certificates: path to a trust anchor, constraints, revocation (RFC 5280)'
            cand revoke 'Revoke a certificate issued by a CA made by kyso (recorded in PREFIX.index.txt)'
            cand crl 'Write a CRL for a CA made by kyso, from its database'
        }
        &'kyso;help;cert;ca'= {
        }
        &'kyso;help;cert;issue'= {
        }
        &'kyso;help;cert;inspect'= {
        }
        &'kyso;help;cert;verify'= {
        }
        &'kyso;help;cert;revoke'= {
        }
        &'kyso;help;cert;crl'= {
        }
        &'kyso;help;sign'= {
        }
        &'kyso;help;verify'= {
        }
        &'kyso;help;timestamp'= {
        }
        &'kyso;help;extend'= {
        }
        &'kyso;help;batch'= {
            cand sign 'Sign every PDF and XML document of a folder tree into a mirrored output tree'
            cand verify 'Verify every file of one or more folder trees'
        }
        &'kyso;help;batch;sign'= {
        }
        &'kyso;help;batch;verify'= {
        }
        &'kyso;help;trust'= {
            cand add 'Add CA certificates (PEM or DER, several per file, or a .p7b bundle) to a store, creating it'
            cand list 'List the trust stores: the built-in ones and the user''s'
            cand show 'Show each certificate of a store: subject, issuer, validity, SHA-256'
            cand remove 'Remove a user store and its certificates'
        }
        &'kyso;help;trust;add'= {
        }
        &'kyso;help;trust;list'= {
        }
        &'kyso;help;trust;show'= {
        }
        &'kyso;help;trust;remove'= {
        }
        &'kyso;help;token'= {
            cand list 'List slots, tokens, and the keys and certificates on them'
        }
        &'kyso;help;token;list'= {
        }
        &'kyso;help;profile'= {
            cand list 'List the signing profiles (the user''s config.toml, then the project''s kyso.toml)'
            cand show 'Show what a profile resolves to (PINs and passwords shown as where they come from)'
            cand add 'Create a profile: asks on a terminal (token, key, appearance, image), or takes flags'
        }
        &'kyso;help;profile;list'= {
        }
        &'kyso;help;profile;show'= {
        }
        &'kyso;help;profile;add'= {
        }
        &'kyso;help;pki'= {
            cand serve 'Answer RFC 3161 time-stamp, RFC 6960 OCSP and CRL requests for a test PKI folder'
        }
        &'kyso;help;pki;serve'= {
        }
        &'kyso;help;edxml'= {
            cand inspect 'Show a package''s header, manifest and attachments (nothing is verified)'
            cand extract 'Write a package''s attachments into a folder'
        }
        &'kyso;help;edxml;inspect'= {
        }
        &'kyso;help;edxml;extract'= {
        }
        &'kyso;help;demo'= {
        }
        &'kyso;help;completions'= {
        }
        &'kyso;help;manpage'= {
        }
        &'kyso;help;help'= {
        }
    ]
    $completions[$command]
}
