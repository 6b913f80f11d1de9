# Print an optspec for argparse to handle cmd's options that are independent of any subcommand.
function __fish_kyso_global_optspecs
    string join \n format= lang= q/quiet color= h/help V/version
end

function __fish_kyso_needs_command
    # Figure out if the current invocation already has a command.
    set -l cmd (commandline -opc)
    set -e cmd[1]
    argparse -s (__fish_kyso_global_optspecs) -- $cmd 2>/dev/null
    or return
    if set -q argv[1]
        # Also print the command, so this can be used to figure out what it is.
        echo $argv[1]
        return 1
    end
    return 0
end

function __fish_kyso_using_subcommand
    set -l cmd (__fish_kyso_needs_command)
    test -z "$cmd"
    and return 1
    contains -- $cmd[1] $argv
end

complete -c kyso -n "__fish_kyso_needs_command" -l format -d 'Output format: text for people, or one JSON document (with a "schema" version) on stdout' -r -f -a "human\t'Text for people (in the chosen language)'
json\t'One JSON document on stdout, versioned by a "schema" field'
jsonl\t'JSON Lines: verification prints one file object per line, then a summary line'
junit\t'JUnit XML (verification: one testcase per file), for CI test reporters'
github\t'GitHub Actions workflow commands (verification: `::error file=…::` per problem)'"
complete -c kyso -n "__fish_kyso_needs_command" -l lang -d 'Language of messages [default: from KYSO_LANG, then LANG; English otherwise]' -r -f -a "en\t'English'
vi\t'Tiếng Việt'"
complete -c kyso -n "__fish_kyso_needs_command" -l color -d 'Colour output on a terminal (NO_COLOR turns "auto" off)' -r -f -a "auto\t'Colour when writing to a terminal and `NO_COLOR` is not set'
always\t''
never\t''"
complete -c kyso -n "__fish_kyso_needs_command" -s q -l quiet -d 'Print only errors (JSON output, when asked for, is still printed)'
complete -c kyso -n "__fish_kyso_needs_command" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c kyso -n "__fish_kyso_needs_command" -s V -l version -d 'Print version'
complete -c kyso -n "__fish_kyso_needs_command" -f -a "cert" -d 'Create and inspect certificates (test PKIs)'
complete -c kyso -n "__fish_kyso_needs_command" -f -a "sign" -d 'Sign a document (detached CMS .p7s for any file)'
complete -c kyso -n "__fish_kyso_needs_command" -f -a "verify" -d 'Verify signatures and certificate chains'
complete -c kyso -n "__fish_kyso_needs_command" -f -a "timestamp" -d 'Add a document time-stamp to a PDF (PAdES, /ETSI.RFC3161)'
complete -c kyso -n "__fish_kyso_needs_command" -f -a "extend" -d 'Raise signatures to B-LT or B-LTA (PDF; CMS .p7s/.p7m and XAdES: B-LT)'
complete -c kyso -n "__fish_kyso_needs_command" -f -a "batch" -d 'Sign or verify whole folders, in parallel'
complete -c kyso -n "__fish_kyso_needs_command" -f -a "trust" -d 'Named trust stores (`--trust @NAME`, `--certs @NAME`; built-in: @vn): add, list, show, remove'
complete -c kyso -n "__fish_kyso_needs_command" -f -a "token" -d 'PKCS#11 hardware tokens'
complete -c kyso -n "__fish_kyso_needs_command" -f -a "profile" -d 'Named signing profiles (`kyso sign FILE --as NAME`): list, show, add'
complete -c kyso -n "__fish_kyso_needs_command" -f -a "pki" -d 'Test-PKI services: RFC 3161 time-stamps, OCSP and CRLs over HTTP'
complete -c kyso -n "__fish_kyso_needs_command" -f -a "edxml" -d 'edXML packages from the document exchange axis: inspect, extract'
complete -c kyso -n "__fish_kyso_needs_command" -f -a "demo" -d 'Run the main job on an embedded sample: make a test PKI, then sign and verify'
complete -c kyso -n "__fish_kyso_needs_command" -f -a "completions" -d 'Print a shell completion script'
complete -c kyso -n "__fish_kyso_needs_command" -f -a "manpage" -d 'Print the man page (roff)'
complete -c kyso -n "__fish_kyso_needs_command" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c kyso -n "__fish_kyso_using_subcommand cert; and not __fish_seen_subcommand_from ca issue inspect verify revoke crl help" -l format -d 'Output format: text for people, or one JSON document (with a "schema" version) on stdout' -r -f -a "human\t'Text for people (in the chosen language)'
json\t'One JSON document on stdout, versioned by a "schema" field'
jsonl\t'JSON Lines: verification prints one file object per line, then a summary line'
junit\t'JUnit XML (verification: one testcase per file), for CI test reporters'
github\t'GitHub Actions workflow commands (verification: `::error file=…::` per problem)'"
complete -c kyso -n "__fish_kyso_using_subcommand cert; and not __fish_seen_subcommand_from ca issue inspect verify revoke crl help" -l lang -d 'Language of messages [default: from KYSO_LANG, then LANG; English otherwise]' -r -f -a "en\t'English'
vi\t'Tiếng Việt'"
complete -c kyso -n "__fish_kyso_using_subcommand cert; and not __fish_seen_subcommand_from ca issue inspect verify revoke crl help" -l color -d 'Colour output on a terminal (NO_COLOR turns "auto" off)' -r -f -a "auto\t'Colour when writing to a terminal and `NO_COLOR` is not set'
always\t''
never\t''"
complete -c kyso -n "__fish_kyso_using_subcommand cert; and not __fish_seen_subcommand_from ca issue inspect verify revoke crl help" -s q -l quiet -d 'Print only errors (JSON output, when asked for, is still printed)'
complete -c kyso -n "__fish_kyso_using_subcommand cert; and not __fish_seen_subcommand_from ca issue inspect verify revoke crl help" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c kyso -n "__fish_kyso_using_subcommand cert; and not __fish_seen_subcommand_from ca issue inspect verify revoke crl help" -s V -l version -d 'Print version'
complete -c kyso -n "__fish_kyso_using_subcommand cert; and not __fish_seen_subcommand_from ca issue inspect verify revoke crl help" -f -a "ca" -d 'Create a self-signed root CA: PREFIX.crt, PREFIX.key, PREFIX.chain.pem'
complete -c kyso -n "__fish_kyso_using_subcommand cert; and not __fish_seen_subcommand_from ca issue inspect verify revoke crl help" -f -a "issue" -d 'Issue a certificate signed by a CA (intermediate, person, organization, tsa, ocsp)'
complete -c kyso -n "__fish_kyso_using_subcommand cert; and not __fish_seen_subcommand_from ca issue inspect verify revoke crl help" -f -a "inspect" -d 'Show what a certificate or chain says (PEM or DER); does not verify it'
complete -c kyso -n "__fish_kyso_using_subcommand cert; and not __fish_seen_subcommand_from ca issue inspect verify revoke crl help" -f -a "verify" -d 'Validate certificates: path to a trust anchor, constraints, revocation (RFC 5280)'
complete -c kyso -n "__fish_kyso_using_subcommand cert; and not __fish_seen_subcommand_from ca issue inspect verify revoke crl help" -f -a "revoke" -d 'Revoke a certificate issued by a CA made by kyso (recorded in PREFIX.index.txt)'
complete -c kyso -n "__fish_kyso_using_subcommand cert; and not __fish_seen_subcommand_from ca issue inspect verify revoke crl help" -f -a "crl" -d 'Write a CRL for a CA made by kyso, from its database'
complete -c kyso -n "__fish_kyso_using_subcommand cert; and not __fish_seen_subcommand_from ca issue inspect verify revoke crl help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c kyso -n "__fish_kyso_using_subcommand cert; and __fish_seen_subcommand_from ca" -l subject -d 'Subject distinguished name, RFC 4514 style, UTF-8 (e.g. "CN=Nguyễn Văn A,O=UBND tỉnh Thái Nguyên,L=Thái Nguyên,C=VN")' -r
complete -c kyso -n "__fish_kyso_using_subcommand cert; and __fish_seen_subcommand_from ca" -l out -d 'Write PREFIX.crt, PREFIX.key and PREFIX.chain.pem' -r -F
complete -c kyso -n "__fish_kyso_using_subcommand cert; and __fish_seen_subcommand_from ca" -l key-type -d 'Type of the new key' -r -f -a "rsa2048\t'RSA 2048-bit (the default; what Vietnamese CAs issue most)'
rsa3072\t'RSA 3072-bit'
rsa4096\t'RSA 4096-bit'
p256\t'ECDSA on NIST P-256'
p384\t'ECDSA on NIST P-384'
p521\t'ECDSA on NIST P-521'"
complete -c kyso -n "__fish_kyso_using_subcommand cert; and __fish_seen_subcommand_from ca" -l days -d 'Days of validity from --not-before' -r
complete -c kyso -n "__fish_kyso_using_subcommand cert; and __fish_seen_subcommand_from ca" -l not-before -d 'Start of validity, RFC 3339 or YYYY-MM-DD [default: now]' -r
complete -c kyso -n "__fish_kyso_using_subcommand cert; and __fish_seen_subcommand_from ca" -l password-file -d 'Encrypt the new key with the password in this file (first line); KYSO_KEY_PASSWORD is used when this is not given' -r -F
complete -c kyso -n "__fish_kyso_using_subcommand cert; and __fish_seen_subcommand_from ca" -l p12 -d 'Also write a PKCS#12 bundle (key + chain) protected by the key password' -r -F
complete -c kyso -n "__fish_kyso_using_subcommand cert; and __fish_seen_subcommand_from ca" -l format -d 'Output format: text for people, or one JSON document (with a "schema" version) on stdout' -r -f -a "human\t'Text for people (in the chosen language)'
json\t'One JSON document on stdout, versioned by a "schema" field'
jsonl\t'JSON Lines: verification prints one file object per line, then a summary line'
junit\t'JUnit XML (verification: one testcase per file), for CI test reporters'
github\t'GitHub Actions workflow commands (verification: `::error file=…::` per problem)'"
complete -c kyso -n "__fish_kyso_using_subcommand cert; and __fish_seen_subcommand_from ca" -l lang -d 'Language of messages [default: from KYSO_LANG, then LANG; English otherwise]' -r -f -a "en\t'English'
vi\t'Tiếng Việt'"
complete -c kyso -n "__fish_kyso_using_subcommand cert; and __fish_seen_subcommand_from ca" -l color -d 'Colour output on a terminal (NO_COLOR turns "auto" off)' -r -f -a "auto\t'Colour when writing to a terminal and `NO_COLOR` is not set'
always\t''
never\t''"
complete -c kyso -n "__fish_kyso_using_subcommand cert; and __fish_seen_subcommand_from ca" -l force -d 'Overwrite existing output files'
complete -c kyso -n "__fish_kyso_using_subcommand cert; and __fish_seen_subcommand_from ca" -s q -l quiet -d 'Print only errors (JSON output, when asked for, is still printed)'
complete -c kyso -n "__fish_kyso_using_subcommand cert; and __fish_seen_subcommand_from ca" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c kyso -n "__fish_kyso_using_subcommand cert; and __fish_seen_subcommand_from ca" -s V -l version -d 'Print version'
complete -c kyso -n "__fish_kyso_using_subcommand cert; and __fish_seen_subcommand_from issue" -l ca -d 'The issuing CA made by kyso: PREFIX.crt, PREFIX.key (and PREFIX.chain.pem)' -r -F
complete -c kyso -n "__fish_kyso_using_subcommand cert; and __fish_seen_subcommand_from issue" -l ca-cert -d 'The issuing CA\'s certificate (PEM or DER; may hold its chain, CA first)' -r -F
complete -c kyso -n "__fish_kyso_using_subcommand cert; and __fish_seen_subcommand_from issue" -l ca-key -d 'The issuing CA\'s private key' -r -F
complete -c kyso -n "__fish_kyso_using_subcommand cert; and __fish_seen_subcommand_from issue" -l ca-password-file -d 'Password of the CA key, in a file; KYSO_CA_KEY_PASSWORD is used when not given' -r -F
complete -c kyso -n "__fish_kyso_using_subcommand cert; and __fish_seen_subcommand_from issue" -l profile -d 'What the certificate is for' -r -f -a "intermediate\t'Subordinate CA that may issue end-entity certificates only (pathLen 0)'
person\t'A person\'s signing certificate (a leader, a clerk)'
organization\t'An organization\'s signing certificate (the agency\'s seal)'
tsa\t'A time-stamping authority'
ocsp\t'A delegated OCSP responder (RFC 6960 §4.2.2.2), with id-pkix-ocsp-nocheck'"
complete -c kyso -n "__fish_kyso_using_subcommand cert; and __fish_seen_subcommand_from issue" -l email -d 'E-mail address for the subjectAltName (repeatable)' -r
complete -c kyso -n "__fish_kyso_using_subcommand cert; and __fish_seen_subcommand_from issue" -l ocsp-url -d 'OCSP responder URL for authorityInfoAccess (repeatable; http://)' -r
complete -c kyso -n "__fish_kyso_using_subcommand cert; and __fish_seen_subcommand_from issue" -l crl-url -d 'CRL distribution point URL (repeatable; http://)' -r
complete -c kyso -n "__fish_kyso_using_subcommand cert; and __fish_seen_subcommand_from issue" -l ca-issuers-url -d 'URL of the issuer\'s certificate for authorityInfoAccess caIssuers (repeatable; http://)' -r
complete -c kyso -n "__fish_kyso_using_subcommand cert; and __fish_seen_subcommand_from issue" -l subject -d 'Subject distinguished name, RFC 4514 style, UTF-8 (e.g. "CN=Nguyễn Văn A,O=UBND tỉnh Thái Nguyên,L=Thái Nguyên,C=VN")' -r
complete -c kyso -n "__fish_kyso_using_subcommand cert; and __fish_seen_subcommand_from issue" -l out -d 'Write PREFIX.crt, PREFIX.key and PREFIX.chain.pem' -r -F
complete -c kyso -n "__fish_kyso_using_subcommand cert; and __fish_seen_subcommand_from issue" -l key-type -d 'Type of the new key' -r -f -a "rsa2048\t'RSA 2048-bit (the default; what Vietnamese CAs issue most)'
rsa3072\t'RSA 3072-bit'
rsa4096\t'RSA 4096-bit'
p256\t'ECDSA on NIST P-256'
p384\t'ECDSA on NIST P-384'
p521\t'ECDSA on NIST P-521'"
complete -c kyso -n "__fish_kyso_using_subcommand cert; and __fish_seen_subcommand_from issue" -l days -d 'Days of validity from --not-before' -r
complete -c kyso -n "__fish_kyso_using_subcommand cert; and __fish_seen_subcommand_from issue" -l not-before -d 'Start of validity, RFC 3339 or YYYY-MM-DD [default: now]' -r
complete -c kyso -n "__fish_kyso_using_subcommand cert; and __fish_seen_subcommand_from issue" -l password-file -d 'Encrypt the new key with the password in this file (first line); KYSO_KEY_PASSWORD is used when this is not given' -r -F
complete -c kyso -n "__fish_kyso_using_subcommand cert; and __fish_seen_subcommand_from issue" -l p12 -d 'Also write a PKCS#12 bundle (key + chain) protected by the key password' -r -F
complete -c kyso -n "__fish_kyso_using_subcommand cert; and __fish_seen_subcommand_from issue" -l format -d 'Output format: text for people, or one JSON document (with a "schema" version) on stdout' -r -f -a "human\t'Text for people (in the chosen language)'
json\t'One JSON document on stdout, versioned by a "schema" field'
jsonl\t'JSON Lines: verification prints one file object per line, then a summary line'
junit\t'JUnit XML (verification: one testcase per file), for CI test reporters'
github\t'GitHub Actions workflow commands (verification: `::error file=…::` per problem)'"
complete -c kyso -n "__fish_kyso_using_subcommand cert; and __fish_seen_subcommand_from issue" -l lang -d 'Language of messages [default: from KYSO_LANG, then LANG; English otherwise]' -r -f -a "en\t'English'
vi\t'Tiếng Việt'"
complete -c kyso -n "__fish_kyso_using_subcommand cert; and __fish_seen_subcommand_from issue" -l color -d 'Colour output on a terminal (NO_COLOR turns "auto" off)' -r -f -a "auto\t'Colour when writing to a terminal and `NO_COLOR` is not set'
always\t''
never\t''"
complete -c kyso -n "__fish_kyso_using_subcommand cert; and __fish_seen_subcommand_from issue" -l force -d 'Overwrite existing output files'
complete -c kyso -n "__fish_kyso_using_subcommand cert; and __fish_seen_subcommand_from issue" -s q -l quiet -d 'Print only errors (JSON output, when asked for, is still printed)'
complete -c kyso -n "__fish_kyso_using_subcommand cert; and __fish_seen_subcommand_from issue" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c kyso -n "__fish_kyso_using_subcommand cert; and __fish_seen_subcommand_from issue" -s V -l version -d 'Print version'
complete -c kyso -n "__fish_kyso_using_subcommand cert; and __fish_seen_subcommand_from inspect" -l format -d 'Output format: text for people, or one JSON document (with a "schema" version) on stdout' -r -f -a "human\t'Text for people (in the chosen language)'
json\t'One JSON document on stdout, versioned by a "schema" field'
jsonl\t'JSON Lines: verification prints one file object per line, then a summary line'
junit\t'JUnit XML (verification: one testcase per file), for CI test reporters'
github\t'GitHub Actions workflow commands (verification: `::error file=…::` per problem)'"
complete -c kyso -n "__fish_kyso_using_subcommand cert; and __fish_seen_subcommand_from inspect" -l lang -d 'Language of messages [default: from KYSO_LANG, then LANG; English otherwise]' -r -f -a "en\t'English'
vi\t'Tiếng Việt'"
complete -c kyso -n "__fish_kyso_using_subcommand cert; and __fish_seen_subcommand_from inspect" -l color -d 'Colour output on a terminal (NO_COLOR turns "auto" off)' -r -f -a "auto\t'Colour when writing to a terminal and `NO_COLOR` is not set'
always\t''
never\t''"
complete -c kyso -n "__fish_kyso_using_subcommand cert; and __fish_seen_subcommand_from inspect" -s q -l quiet -d 'Print only errors (JSON output, when asked for, is still printed)'
complete -c kyso -n "__fish_kyso_using_subcommand cert; and __fish_seen_subcommand_from inspect" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c kyso -n "__fish_kyso_using_subcommand cert; and __fish_seen_subcommand_from inspect" -s V -l version -d 'Print version'
complete -c kyso -n "__fish_kyso_using_subcommand cert; and __fish_seen_subcommand_from verify" -l trust -d 'Trust anchors: a PEM/DER certificate file, a folder of them, or a trust store @NAME (repeatable)' -r -F
complete -c kyso -n "__fish_kyso_using_subcommand cert; and __fish_seen_subcommand_from verify" -l certs -d 'Untrusted intermediate certificates to help build chains: a file, a folder or a trust store @NAME (repeatable)' -r -F
complete -c kyso -n "__fish_kyso_using_subcommand cert; and __fish_seen_subcommand_from verify" -l crl -d 'CRLs (PEM or DER, repeatable)' -r -F
complete -c kyso -n "__fish_kyso_using_subcommand cert; and __fish_seen_subcommand_from verify" -l at -d 'Validation time, RFC 3339 or YYYY-MM-DD [default: now]' -r
complete -c kyso -n "__fish_kyso_using_subcommand cert; and __fish_seen_subcommand_from verify" -l purpose -d 'What the certificate must be good for' -r -f -a "document-signing\t'Signing documents (as `kyso verify` checks a signer)'
any\t'Any use: only the path is checked (openssl verify\'s default)'
timestamping\t'A time-stamping authority (EKU timeStamping)'
ocsp-signing\t'An OCSP responder (EKU OCSPSigning)'"
complete -c kyso -n "__fish_kyso_using_subcommand cert; and __fish_seen_subcommand_from verify" -l policy -d 'An acceptable certificate policy OID (repeatable) [default: any policy]' -r
complete -c kyso -n "__fish_kyso_using_subcommand cert; and __fish_seen_subcommand_from verify" -l format -d 'Output format: text for people, or one JSON document (with a "schema" version) on stdout' -r -f -a "human\t'Text for people (in the chosen language)'
json\t'One JSON document on stdout, versioned by a "schema" field'
jsonl\t'JSON Lines: verification prints one file object per line, then a summary line'
junit\t'JUnit XML (verification: one testcase per file), for CI test reporters'
github\t'GitHub Actions workflow commands (verification: `::error file=…::` per problem)'"
complete -c kyso -n "__fish_kyso_using_subcommand cert; and __fish_seen_subcommand_from verify" -l lang -d 'Language of messages [default: from KYSO_LANG, then LANG; English otherwise]' -r -f -a "en\t'English'
vi\t'Tiếng Việt'"
complete -c kyso -n "__fish_kyso_using_subcommand cert; and __fish_seen_subcommand_from verify" -l color -d 'Colour output on a terminal (NO_COLOR turns "auto" off)' -r -f -a "auto\t'Colour when writing to a terminal and `NO_COLOR` is not set'
always\t''
never\t''"
complete -c kyso -n "__fish_kyso_using_subcommand cert; and __fish_seen_subcommand_from verify" -l require-revocation -d 'Without a usable CRL for every certificate below the anchor the result is indeterminate (TRY_LATER) [default: an unknown status is reported only]'
complete -c kyso -n "__fish_kyso_using_subcommand cert; and __fish_seen_subcommand_from verify" -l explicit-policy -d 'The path must be valid for at least one (acceptable) certificate policy'
complete -c kyso -n "__fish_kyso_using_subcommand cert; and __fish_seen_subcommand_from verify" -l inhibit-policy-mapping -d 'Policy mappings are not allowed'
complete -c kyso -n "__fish_kyso_using_subcommand cert; and __fish_seen_subcommand_from verify" -l inhibit-any-policy -d 'anyPolicy in certificates is not taken as matching every policy'
complete -c kyso -n "__fish_kyso_using_subcommand cert; and __fish_seen_subcommand_from verify" -s q -l quiet -d 'Print only errors (JSON output, when asked for, is still printed)'
complete -c kyso -n "__fish_kyso_using_subcommand cert; and __fish_seen_subcommand_from verify" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c kyso -n "__fish_kyso_using_subcommand cert; and __fish_seen_subcommand_from verify" -s V -l version -d 'Print version'
complete -c kyso -n "__fish_kyso_using_subcommand cert; and __fish_seen_subcommand_from revoke" -l ca -d 'The CA made by kyso that issued the certificate (PREFIX.crt, PREFIX.index.txt)' -r -F
complete -c kyso -n "__fish_kyso_using_subcommand cert; and __fish_seen_subcommand_from revoke" -l serial -d 'Serial number (hex) of a certificate in the CA\'s database, instead of CERT' -r
complete -c kyso -n "__fish_kyso_using_subcommand cert; and __fish_seen_subcommand_from revoke" -l reason -d 'Why (RFC 5280 CRLReason)' -r -f -a "unspecified\t''
key-compromise\t''
ca-compromise\t''
affiliation-changed\t''
superseded\t''
cessation-of-operation\t''
certificate-hold\t''"
complete -c kyso -n "__fish_kyso_using_subcommand cert; and __fish_seen_subcommand_from revoke" -l time -d 'Revocation time, RFC 3339 or YYYY-MM-DD, not in the future [default: now]' -r
complete -c kyso -n "__fish_kyso_using_subcommand cert; and __fish_seen_subcommand_from revoke" -l format -d 'Output format: text for people, or one JSON document (with a "schema" version) on stdout' -r -f -a "human\t'Text for people (in the chosen language)'
json\t'One JSON document on stdout, versioned by a "schema" field'
jsonl\t'JSON Lines: verification prints one file object per line, then a summary line'
junit\t'JUnit XML (verification: one testcase per file), for CI test reporters'
github\t'GitHub Actions workflow commands (verification: `::error file=…::` per problem)'"
complete -c kyso -n "__fish_kyso_using_subcommand cert; and __fish_seen_subcommand_from revoke" -l lang -d 'Language of messages [default: from KYSO_LANG, then LANG; English otherwise]' -r -f -a "en\t'English'
vi\t'Tiếng Việt'"
complete -c kyso -n "__fish_kyso_using_subcommand cert; and __fish_seen_subcommand_from revoke" -l color -d 'Colour output on a terminal (NO_COLOR turns "auto" off)' -r -f -a "auto\t'Colour when writing to a terminal and `NO_COLOR` is not set'
always\t''
never\t''"
complete -c kyso -n "__fish_kyso_using_subcommand cert; and __fish_seen_subcommand_from revoke" -s q -l quiet -d 'Print only errors (JSON output, when asked for, is still printed)'
complete -c kyso -n "__fish_kyso_using_subcommand cert; and __fish_seen_subcommand_from revoke" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c kyso -n "__fish_kyso_using_subcommand cert; and __fish_seen_subcommand_from revoke" -s V -l version -d 'Print version'
complete -c kyso -n "__fish_kyso_using_subcommand cert; and __fish_seen_subcommand_from crl" -l ca -d 'The CA made by kyso (PREFIX.crt, PREFIX.key, PREFIX.index.txt)' -r -F
complete -c kyso -n "__fish_kyso_using_subcommand cert; and __fish_seen_subcommand_from crl" -s o -l out -d 'Output file [default: PREFIX.crl]' -r -F
complete -c kyso -n "__fish_kyso_using_subcommand cert; and __fish_seen_subcommand_from crl" -l days -d 'Days until nextUpdate' -r
complete -c kyso -n "__fish_kyso_using_subcommand cert; and __fish_seen_subcommand_from crl" -l ca-password-file -d 'Password of the CA key, in a file; KYSO_CA_KEY_PASSWORD is used when not given' -r -F
complete -c kyso -n "__fish_kyso_using_subcommand cert; and __fish_seen_subcommand_from crl" -l format -d 'Output format: text for people, or one JSON document (with a "schema" version) on stdout' -r -f -a "human\t'Text for people (in the chosen language)'
json\t'One JSON document on stdout, versioned by a "schema" field'
jsonl\t'JSON Lines: verification prints one file object per line, then a summary line'
junit\t'JUnit XML (verification: one testcase per file), for CI test reporters'
github\t'GitHub Actions workflow commands (verification: `::error file=…::` per problem)'"
complete -c kyso -n "__fish_kyso_using_subcommand cert; and __fish_seen_subcommand_from crl" -l lang -d 'Language of messages [default: from KYSO_LANG, then LANG; English otherwise]' -r -f -a "en\t'English'
vi\t'Tiếng Việt'"
complete -c kyso -n "__fish_kyso_using_subcommand cert; and __fish_seen_subcommand_from crl" -l color -d 'Colour output on a terminal (NO_COLOR turns "auto" off)' -r -f -a "auto\t'Colour when writing to a terminal and `NO_COLOR` is not set'
always\t''
never\t''"
complete -c kyso -n "__fish_kyso_using_subcommand cert; and __fish_seen_subcommand_from crl" -l pem -d 'Write PEM (`X509 CRL`) instead of DER'
complete -c kyso -n "__fish_kyso_using_subcommand cert; and __fish_seen_subcommand_from crl" -l force -d 'Overwrite an existing --out file'
complete -c kyso -n "__fish_kyso_using_subcommand cert; and __fish_seen_subcommand_from crl" -s q -l quiet -d 'Print only errors (JSON output, when asked for, is still printed)'
complete -c kyso -n "__fish_kyso_using_subcommand cert; and __fish_seen_subcommand_from crl" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c kyso -n "__fish_kyso_using_subcommand cert; and __fish_seen_subcommand_from crl" -s V -l version -d 'Print version'
complete -c kyso -n "__fish_kyso_using_subcommand cert; and __fish_seen_subcommand_from help" -f -a "ca" -d 'Create a self-signed root CA: PREFIX.crt, PREFIX.key, PREFIX.chain.pem'
complete -c kyso -n "__fish_kyso_using_subcommand cert; and __fish_seen_subcommand_from help" -f -a "issue" -d 'Issue a certificate signed by a CA (intermediate, person, organization, tsa, ocsp)'
complete -c kyso -n "__fish_kyso_using_subcommand cert; and __fish_seen_subcommand_from help" -f -a "inspect" -d 'Show what a certificate or chain says (PEM or DER); does not verify it'
complete -c kyso -n "__fish_kyso_using_subcommand cert; and __fish_seen_subcommand_from help" -f -a "verify" -d 'Validate certificates: path to a trust anchor, constraints, revocation (RFC 5280)'
complete -c kyso -n "__fish_kyso_using_subcommand cert; and __fish_seen_subcommand_from help" -f -a "revoke" -d 'Revoke a certificate issued by a CA made by kyso (recorded in PREFIX.index.txt)'
complete -c kyso -n "__fish_kyso_using_subcommand cert; and __fish_seen_subcommand_from help" -f -a "crl" -d 'Write a CRL for a CA made by kyso, from its database'
complete -c kyso -n "__fish_kyso_using_subcommand cert; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c kyso -n "__fish_kyso_using_subcommand sign" -l as -d 'Sign as this profile from config.toml or kyso.toml (`kyso profile list`); flags given here override its values' -r
complete -c kyso -n "__fish_kyso_using_subcommand sign" -l key -d 'Private key file (PEM or DER: PKCS#8, encrypted PKCS#8, PKCS#1 or SEC1); needs --cert' -r -F
complete -c kyso -n "__fish_kyso_using_subcommand sign" -l p12 -d 'PKCS#12 file (.p12/.pfx) with the key and its certificate chain' -r -F
complete -c kyso -n "__fish_kyso_using_subcommand sign" -l pkcs11 -d 'PKCS#11 module of a USB token (e.g. /usr/lib/softhsm/libsofthsm2.so); see `kyso token list`' -r -F
complete -c kyso -n "__fish_kyso_using_subcommand sign" -l token -d 'Token label (with --pkcs11)' -r
complete -c kyso -n "__fish_kyso_using_subcommand sign" -l slot -d 'Slot number (with --pkcs11)' -r
complete -c kyso -n "__fish_kyso_using_subcommand sign" -l key-label -d 'Key label on the token (with --pkcs11)' -r
complete -c kyso -n "__fish_kyso_using_subcommand sign" -l key-id -d 'Key id on the token, hex (with --pkcs11)' -r
complete -c kyso -n "__fish_kyso_using_subcommand sign" -l pin-file -d 'Token PIN in a file (first line); KYSO_PIN is used when not given, then a prompt on a terminal' -r -F
complete -c kyso -n "__fish_kyso_using_subcommand sign" -l cert -d 'The signer\'s certificate (PEM or DER; may also hold the chain, signer first). Optional with --p12, or with --pkcs11 when the token holds the certificate' -r -F
complete -c kyso -n "__fish_kyso_using_subcommand sign" -l chain -d 'Issuer certificates to embed (repeatable)' -r -F
complete -c kyso -n "__fish_kyso_using_subcommand sign" -l password-file -d 'Password of the key or .p12, in a file (first line); KYSO_KEY_PASSWORD is used when not given, then a prompt on a terminal' -r -F
complete -c kyso -n "__fish_kyso_using_subcommand sign" -l digest -d 'Digest algorithm' -r -f -a "sha256\t''
sha384\t''
sha512\t''"
complete -c kyso -n "__fish_kyso_using_subcommand sign" -s o -l output -d 'Output file [default: FILE.p7s for a detached signature, NAME.signed.pdf for a PDF]' -r -F
complete -c kyso -n "__fish_kyso_using_subcommand sign" -l reason -d 'Reason for signing (/Reason), e.g. "Phê duyệt"' -r
complete -c kyso -n "__fish_kyso_using_subcommand sign" -l location -d 'Where the signature was made (/Location), e.g. "Thái Nguyên"' -r
complete -c kyso -n "__fish_kyso_using_subcommand sign" -l contact -d 'How to reach the signer (/ContactInfo)' -r
complete -c kyso -n "__fish_kyso_using_subcommand sign" -l field -d 'Sign this existing empty signature field instead of adding a new one' -r
complete -c kyso -n "__fish_kyso_using_subcommand sign" -l field-name -d 'Name of the new signature field [default: Signature{N}]' -r
complete -c kyso -n "__fish_kyso_using_subcommand sign" -l subfilter -d 'Signature format in the PDF' -r -f -a "ETSI.CAdES.detached\t'PAdES baseline: /ETSI.CAdES.detached (ETSI EN 319 142-1)'
adbe.pkcs7.detached\t'Legacy PKCS#7: /adbe.pkcs7.detached'"
complete -c kyso -n "__fish_kyso_using_subcommand sign" -l certify -d 'Make a certification (author) signature with these DocMDP permissions' -r -f -a "no-changes\t'DocMDP P=1: no changes allowed after this signature'
form-fill\t'DocMDP P=2: form filling and further signatures allowed'
annotate\t'DocMDP P=3: also annotations'"
complete -c kyso -n "__fish_kyso_using_subcommand sign" -l appearance -d 'Visible signature as Decree 30/2020/NĐ-CP prescribes: approve (the leader\'s signature image), issue (the seal with the document number and date), attachment or copy (text at the top right of the first page)' -r -f -a "approve\t'ký phê duyệt: the leader\'s handwritten-signature image in the signature block'
issue\t'ký phát hành: the agency\'s seal over the left third of the leader\'s signature'
attachment\t'attachment in a separate file: number and signing time, top right of page 1'
copy\t'sao y / sao lục / trích sao: copy type, agency and time, top right of page 1'"
complete -c kyso -n "__fish_kyso_using_subcommand sign" -l page -d 'Page of the visible signature (1-based)' -r
complete -c kyso -n "__fish_kyso_using_subcommand sign" -l rect -d 'Box of the visible signature in PDF points: x1,y1,x2,y2' -r
complete -c kyso -n "__fish_kyso_using_subcommand sign" -l anchor -d 'Place the visible signature relative to this text on the page (e.g. the signer\'s name)' -r
complete -c kyso -n "__fish_kyso_using_subcommand sign" -l image -d 'Image for the appearance: the signature (approve) or the seal (issue); PNG or JPEG' -r -F
complete -c kyso -n "__fish_kyso_using_subcommand sign" -l doc-number -d 'Document number and symbol (số, ký hiệu), e.g. "123/UBND-VP"' -r
complete -c kyso -n "__fish_kyso_using_subcommand sign" -l copy-type -d 'Copy type for --appearance copy: "SAO Y", "SAO LỤC", "TRÍCH SAO"' -r
complete -c kyso -n "__fish_kyso_using_subcommand sign" -l agency -d 'Agency name shown by the attachment and copy appearances' -r
complete -c kyso -n "__fish_kyso_using_subcommand sign" -l font -d 'TrueType font for appearance text [default: Liberation Serif, metric-compatible with Times New Roman]' -r -F
complete -c kyso -n "__fish_kyso_using_subcommand sign" -l pdf-password-file -d 'Password of an encrypted PDF (user or owner), in a file (first line); KYSO_PDF_PASSWORD is used when not given' -r -F
complete -c kyso -n "__fish_kyso_using_subcommand sign" -l profile -d 'Signature layout' -r -f -a "enveloped\t'Enveloped signature of the whole document (or of --ref-id), as the root\'s last child'
einvoice\t'Vietnamese e-invoice layout: signs HDon/DLHDon by its Id, Signature in HDon/DSCKS/NBan, with a SigningTime property (Decree 123/2020, Circular 78/2021)'"
complete -c kyso -n "__fish_kyso_using_subcommand sign" -l c14n -d 'Canonicalization for SignedInfo and the references (the e-invoice profile uses c14n)' -r -f -a "c14n\t'Canonical XML 1.0 (inclusive)'
c14n11\t'Canonical XML 1.1'
exc\t'Exclusive XML Canonicalization 1.0'"
complete -c kyso -n "__fish_kyso_using_subcommand sign" -l ref-id -d 'Sign the element with this ID instead of the whole document' -r
complete -c kyso -n "__fish_kyso_using_subcommand sign" -l id-attr -d 'Attribute names that carry IDs (repeatable) [default: Id, ID, id]' -r
complete -c kyso -n "__fish_kyso_using_subcommand sign" -l into -d 'Put the Signature inside this element (a path of element names, e.g. /HDon/DSCKS/NBan)' -r
complete -c kyso -n "__fish_kyso_using_subcommand sign" -l level -d 'Signature level [default: t with --tsa, else b]; lta is for PDF documents' -r -f -a "b\t'B-B: the signature alone (its time is the signer\'s claim)'
t\t'B-T: with a signature time-stamp from --tsa'
lt\t'B-LT: B-T with the chains and revocation data (PDF: the DSS; CMS: the SignedData; XAdES: CertificateValues and RevocationValues)'
lta\t'B-LTA (PDF only): B-LT with a document time-stamp over it'"
complete -c kyso -n "__fish_kyso_using_subcommand sign" -l tsa -d 'RFC 3161 time-stamp service (http://...), e.g. the one `kyso pki serve` runs at /tsa' -r
complete -c kyso -n "__fish_kyso_using_subcommand sign" -l tsa-cert -d 'The TSA\'s certificate (PEM or DER): tokens must be signed by it' -r -F
complete -c kyso -n "__fish_kyso_using_subcommand sign" -l timeout -d 'Seconds to wait for each network call (TSA, OCSP, CRL, caIssuers)' -r
complete -c kyso -n "__fish_kyso_using_subcommand sign" -l crl -d 'CRL files (PEM or DER, repeatable) to embed as revocation data' -r -F
complete -c kyso -n "__fish_kyso_using_subcommand sign" -l ocsp-response -d 'OCSP response files (DER, repeatable) to embed as revocation data' -r -F
complete -c kyso -n "__fish_kyso_using_subcommand sign" -l format -d 'Output format: text for people, or one JSON document (with a "schema" version) on stdout' -r -f -a "human\t'Text for people (in the chosen language)'
json\t'One JSON document on stdout, versioned by a "schema" field'
jsonl\t'JSON Lines: verification prints one file object per line, then a summary line'
junit\t'JUnit XML (verification: one testcase per file), for CI test reporters'
github\t'GitHub Actions workflow commands (verification: `::error file=…::` per problem)'"
complete -c kyso -n "__fish_kyso_using_subcommand sign" -l lang -d 'Language of messages [default: from KYSO_LANG, then LANG; English otherwise]' -r -f -a "en\t'English'
vi\t'Tiếng Việt'"
complete -c kyso -n "__fish_kyso_using_subcommand sign" -l color -d 'Colour output on a terminal (NO_COLOR turns "auto" off)' -r -f -a "auto\t'Colour when writing to a terminal and `NO_COLOR` is not set'
always\t''
never\t''"
complete -c kyso -n "__fish_kyso_using_subcommand sign" -l pss -d 'Use RSASSA-PSS instead of PKCS#1 v1.5 for RSA keys (Circular 15/2025/TT-BKHCN)'
complete -c kyso -n "__fish_kyso_using_subcommand sign" -l detached -d 'Write a detached CMS signature (.p7s) whatever the document\'s format'
complete -c kyso -n "__fish_kyso_using_subcommand sign" -l attached -d 'Write an attached CMS signature (FILE.p7m) that carries the document, whatever its format'
complete -c kyso -n "__fish_kyso_using_subcommand sign" -l pem -d 'Write the detached signature as PEM instead of DER'
complete -c kyso -n "__fish_kyso_using_subcommand sign" -l force -d 'Overwrite an existing output file'
complete -c kyso -n "__fish_kyso_using_subcommand sign" -l xades -d 'Add XAdES B-B signed properties (SigningTime, SigningCertificateV2, DataObjectFormat)'
complete -c kyso -n "__fish_kyso_using_subcommand sign" -l ds-prefix -d 'Write the signature with the `ds:` prefix instead of a default namespace'
complete -c kyso -n "__fish_kyso_using_subcommand sign" -l online -d 'Fetch certificates and revocation data named by the certificates (AIA OCSP and caIssuers, CRL distribution points) over HTTP'
complete -c kyso -n "__fish_kyso_using_subcommand sign" -s q -l quiet -d 'Print only errors (JSON output, when asked for, is still printed)'
complete -c kyso -n "__fish_kyso_using_subcommand sign" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c kyso -n "__fish_kyso_using_subcommand sign" -s V -l version -d 'Print version'
complete -c kyso -n "__fish_kyso_using_subcommand verify" -l signature -d 'The detached signature of the (single) FILE' -r -F
complete -c kyso -n "__fish_kyso_using_subcommand verify" -l extract -d 'CMS: write the content an attached signature (.p7m) carries to OUT (not when the signature is invalid); an existing OUT is kept unless --force' -r -F
complete -c kyso -n "__fish_kyso_using_subcommand verify" -l report -d 'Also write a verification report for people, in the --lang language: FILE.html (one self-contained file, no network, no script) or FILE.pdf (A4, for the record); a summary table first for several files' -r -F
complete -c kyso -n "__fish_kyso_using_subcommand verify" -l id-attr -d 'XML: attribute names that carry IDs (repeatable) [default: Id, ID, id]' -r
complete -c kyso -n "__fish_kyso_using_subcommand verify" -l content -d 'XML: the folder (or the single file) where detached references are found [default: the signature file\'s folder]; nothing outside it is read' -r -F
complete -c kyso -n "__fish_kyso_using_subcommand verify" -l max-references -d 'XML: most References per SignedInfo or Manifest' -r
complete -c kyso -n "__fish_kyso_using_subcommand verify" -l max-reference-bytes -d 'XML: most bytes the references of one document may canonicalize or read [default: 32 MiB + 4 × the file size]' -r
complete -c kyso -n "__fish_kyso_using_subcommand verify" -l profile -d 'XML: layout rules (the Vietnamese ones refuse signatures over elements applications do not read, and verify each invoice of a message within its own HDon)' -r -f -a "auto\t'The Vietnamese e-invoice rules when the document has that shape'
einvoice\t'The Vietnamese e-invoice and tax-message rules (Circular 78/2021)'
generic\t'Generic XMLDSig only'"
complete -c kyso -n "__fish_kyso_using_subcommand verify" -l require-signed -d 'XML: an element (simple absolute path, e.g. /Envelope/Body/Order) that an intact signature must cover (repeatable)' -r
complete -c kyso -n "__fish_kyso_using_subcommand verify" -l trust -d 'Trust anchors: a PEM/DER certificate file, a folder of them, or a trust store @NAME (`kyso trust list`; @vn: the Vietnamese national and Government CA roots) (repeatable). Without anchors no signature can be better than "indeterminate"' -r -F
complete -c kyso -n "__fish_kyso_using_subcommand verify" -l certs -d 'Untrusted intermediate certificates to help build chains: a file, a folder or a trust store @NAME (@vn: the Vietnamese public CAs) (repeatable)' -r -F
complete -c kyso -n "__fish_kyso_using_subcommand verify" -l crl -d 'CRLs (PEM or DER, repeatable): a certificate revoked before the validation time makes the signature invalid' -r -F
complete -c kyso -n "__fish_kyso_using_subcommand verify" -l at -d 'Validation time, RFC 3339 or YYYY-MM-DD [default: now]' -r
complete -c kyso -n "__fish_kyso_using_subcommand verify" -l pdf-password-file -d 'Password of encrypted PDFs, in a file (first line); KYSO_PDF_PASSWORD is used when not given (the empty user password is always tried)' -r -F
complete -c kyso -n "__fish_kyso_using_subcommand verify" -l pdf-work-limit -d 'Work budget of a PDF\'s revision analysis, in object visits; a document that needs more is INDETERMINATE (LIMIT_EXCEEDED)' -r
complete -c kyso -n "__fish_kyso_using_subcommand verify" -l cert-policy -d 'An acceptable certificate policy OID (repeatable) [default: any policy]' -r
complete -c kyso -n "__fish_kyso_using_subcommand verify" -l include -d 'Only files matching this glob (relative path; repeatable), e.g. "*.pdf"' -r
complete -c kyso -n "__fish_kyso_using_subcommand verify" -l exclude -d 'Leave out files matching this glob (repeatable)' -r
complete -c kyso -n "__fish_kyso_using_subcommand verify" -l max-attachment-size -d 'Largest attachment, and largest file unpacked from a zip (K, M, G suffixes)' -r
complete -c kyso -n "__fish_kyso_using_subcommand verify" -l max-package-size -d 'Most bytes decoded and unpacked from one package, nested packages included' -r
complete -c kyso -n "__fish_kyso_using_subcommand verify" -l max-attachments -d 'Most attachments in a package, and most files in one zip' -r
complete -c kyso -n "__fish_kyso_using_subcommand verify" -l max-zip-ratio -d 'Largest unpacked/packed size ratio of a zip entry over 1 MiB' -r
complete -c kyso -n "__fish_kyso_using_subcommand verify" -l policy -d 'A policy file (TOML with a [verify] table); without it, the [verify] table of the nearest kyso.toml (this folder or one above) is used when there is one' -r -F
complete -c kyso -n "__fish_kyso_using_subcommand verify" -l require-signer -d 'Accept only valid signatures by this signer: a certificate SHA-256, a certificate file, or subject attributes such as UID=MST:0101234567 or O=… (issuer:… for the issuer); repeatable, any one matches' -r
complete -c kyso -n "__fish_kyso_using_subcommand verify" -l min-signatures -d 'At least N valid signatures (by required signers, when given)' -r
complete -c kyso -n "__fish_kyso_using_subcommand verify" -l require-level -d 'Signature level at least b, t, lt or lta' -r
complete -c kyso -n "__fish_kyso_using_subcommand verify" -l allow-algorithms -d 'Allowed digest and signature algorithms, comma-separated (e.g. sha256,sha384,rsa,ecdsa)' -r
complete -c kyso -n "__fish_kyso_using_subcommand verify" -l min-rsa-bits -d 'Signers\' RSA keys at least this many bits' -r
complete -c kyso -n "__fish_kyso_using_subcommand verify" -l signed-after -d 'Signed at or after TIME (RFC 3339 or YYYY-MM-DD; the proven time when there is one)' -r
complete -c kyso -n "__fish_kyso_using_subcommand verify" -l signed-before -d 'Signed before TIME' -r
complete -c kyso -n "__fish_kyso_using_subcommand verify" -l ocsp-response -d 'OCSP responses (DER OCSPResponse files, repeatable) to use as revocation data' -r -F
complete -c kyso -n "__fish_kyso_using_subcommand verify" -l revocation-timeout -d 'With --online: seconds to wait for each OCSP or CRL request' -r
complete -c kyso -n "__fish_kyso_using_subcommand verify" -l format -d 'Output format: text for people, or one JSON document (with a "schema" version) on stdout' -r -f -a "human\t'Text for people (in the chosen language)'
json\t'One JSON document on stdout, versioned by a "schema" field'
jsonl\t'JSON Lines: verification prints one file object per line, then a summary line'
junit\t'JUnit XML (verification: one testcase per file), for CI test reporters'
github\t'GitHub Actions workflow commands (verification: `::error file=…::` per problem)'"
complete -c kyso -n "__fish_kyso_using_subcommand verify" -l lang -d 'Language of messages [default: from KYSO_LANG, then LANG; English otherwise]' -r -f -a "en\t'English'
vi\t'Tiếng Việt'"
complete -c kyso -n "__fish_kyso_using_subcommand verify" -l color -d 'Colour output on a terminal (NO_COLOR turns "auto" off)' -r -f -a "auto\t'Colour when writing to a terminal and `NO_COLOR` is not set'
always\t''
never\t''"
complete -c kyso -n "__fish_kyso_using_subcommand verify" -l force -d 'With --extract or --report: replace an existing OUT or report'
complete -c kyso -n "__fish_kyso_using_subcommand verify" -l require-revocation -d 'Without a usable CRL for every certificate below the anchor the result is indeterminate (TRY_LATER) [default: an unknown status is reported only]'
complete -c kyso -n "__fish_kyso_using_subcommand verify" -l explicit-policy -d 'The path must be valid for at least one (acceptable) certificate policy'
complete -c kyso -n "__fish_kyso_using_subcommand verify" -l inhibit-policy-mapping -d 'Policy mappings are not allowed'
complete -c kyso -n "__fish_kyso_using_subcommand verify" -l inhibit-any-policy -d 'anyPolicy in certificates is not taken as matching every policy'
complete -c kyso -n "__fish_kyso_using_subcommand verify" -l hidden -d 'Also take hidden files and folders (names starting with \'.\')'
complete -c kyso -n "__fish_kyso_using_subcommand verify" -l no-policy -d 'Ignore kyso.toml'
complete -c kyso -n "__fish_kyso_using_subcommand verify" -l require-whole-file -d 'A valid signature covers the whole file (nothing added after the last signature)'
complete -c kyso -n "__fish_kyso_using_subcommand verify" -l require-certification -d 'A valid certification (DocMDP) signature on the PDF'
complete -c kyso -n "__fish_kyso_using_subcommand verify" -l online -d 'Fetch missing revocation data over HTTP: an OCSP response from each certificate\'s AIA, else its CRL distribution point (implies --require-revocation; without it nothing is fetched)'
complete -c kyso -n "__fish_kyso_using_subcommand verify" -s q -l quiet -d 'Print only errors (JSON output, when asked for, is still printed)'
complete -c kyso -n "__fish_kyso_using_subcommand verify" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c kyso -n "__fish_kyso_using_subcommand verify" -s V -l version -d 'Print version'
complete -c kyso -n "__fish_kyso_using_subcommand timestamp" -s o -l output -d 'Output file [default: NAME.timestamped.pdf]' -r -F
complete -c kyso -n "__fish_kyso_using_subcommand timestamp" -l digest -d 'Digest of the document sent to the TSA' -r -f -a "sha256\t''
sha384\t''
sha512\t''"
complete -c kyso -n "__fish_kyso_using_subcommand timestamp" -l pdf-password-file -d 'Password of an encrypted PDF (user or owner), in a file (first line); KYSO_PDF_PASSWORD is used when not given' -r -F
complete -c kyso -n "__fish_kyso_using_subcommand timestamp" -l tsa -d 'RFC 3161 time-stamp service (http://...), e.g. the one `kyso pki serve` runs at /tsa' -r
complete -c kyso -n "__fish_kyso_using_subcommand timestamp" -l tsa-cert -d 'The TSA\'s certificate (PEM or DER): tokens must be signed by it' -r -F
complete -c kyso -n "__fish_kyso_using_subcommand timestamp" -l timeout -d 'Seconds to wait for each network call (TSA, OCSP, CRL, caIssuers)' -r
complete -c kyso -n "__fish_kyso_using_subcommand timestamp" -l format -d 'Output format: text for people, or one JSON document (with a "schema" version) on stdout' -r -f -a "human\t'Text for people (in the chosen language)'
json\t'One JSON document on stdout, versioned by a "schema" field'
jsonl\t'JSON Lines: verification prints one file object per line, then a summary line'
junit\t'JUnit XML (verification: one testcase per file), for CI test reporters'
github\t'GitHub Actions workflow commands (verification: `::error file=…::` per problem)'"
complete -c kyso -n "__fish_kyso_using_subcommand timestamp" -l lang -d 'Language of messages [default: from KYSO_LANG, then LANG; English otherwise]' -r -f -a "en\t'English'
vi\t'Tiếng Việt'"
complete -c kyso -n "__fish_kyso_using_subcommand timestamp" -l color -d 'Colour output on a terminal (NO_COLOR turns "auto" off)' -r -f -a "auto\t'Colour when writing to a terminal and `NO_COLOR` is not set'
always\t''
never\t''"
complete -c kyso -n "__fish_kyso_using_subcommand timestamp" -l force -d 'Overwrite an existing output file'
complete -c kyso -n "__fish_kyso_using_subcommand timestamp" -s q -l quiet -d 'Print only errors (JSON output, when asked for, is still printed)'
complete -c kyso -n "__fish_kyso_using_subcommand timestamp" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c kyso -n "__fish_kyso_using_subcommand timestamp" -s V -l version -d 'Print version'
complete -c kyso -n "__fish_kyso_using_subcommand extend" -l level -d 'The level to raise the document\'s signatures to' -r -f -a "lt\t'B-LT: the chains and revocation data of every signature (PDF: in the DSS; CMS: in the SignedData; XML: XAdES CertificateValues and RevocationValues)'
lta\t'B-LTA (PDF): B-LT with a document time-stamp over it (run again to renew an archive)'"
complete -c kyso -n "__fish_kyso_using_subcommand extend" -s o -l output -d 'Output file [default: NAME.lt.EXT or NAME.lta.pdf]' -r -F
complete -c kyso -n "__fish_kyso_using_subcommand extend" -l chain -d 'Certificates that complete the signers\' chains (repeatable)' -r -F
complete -c kyso -n "__fish_kyso_using_subcommand extend" -l digest -d 'Digest of the document time-stamp (lta), or of a signature time-stamp added to a CMS or XAdES signature that has none' -r -f -a "sha256\t''
sha384\t''
sha512\t''"
complete -c kyso -n "__fish_kyso_using_subcommand extend" -l pdf-password-file -d 'Password of an encrypted PDF, in a file (first line); KYSO_PDF_PASSWORD otherwise' -r -F
complete -c kyso -n "__fish_kyso_using_subcommand extend" -l tsa -d 'RFC 3161 time-stamp service (http://...), e.g. the one `kyso pki serve` runs at /tsa' -r
complete -c kyso -n "__fish_kyso_using_subcommand extend" -l tsa-cert -d 'The TSA\'s certificate (PEM or DER): tokens must be signed by it' -r -F
complete -c kyso -n "__fish_kyso_using_subcommand extend" -l timeout -d 'Seconds to wait for each network call (TSA, OCSP, CRL, caIssuers)' -r
complete -c kyso -n "__fish_kyso_using_subcommand extend" -l crl -d 'CRL files (PEM or DER, repeatable) to embed as revocation data' -r -F
complete -c kyso -n "__fish_kyso_using_subcommand extend" -l ocsp-response -d 'OCSP response files (DER, repeatable) to embed as revocation data' -r -F
complete -c kyso -n "__fish_kyso_using_subcommand extend" -l format -d 'Output format: text for people, or one JSON document (with a "schema" version) on stdout' -r -f -a "human\t'Text for people (in the chosen language)'
json\t'One JSON document on stdout, versioned by a "schema" field'
jsonl\t'JSON Lines: verification prints one file object per line, then a summary line'
junit\t'JUnit XML (verification: one testcase per file), for CI test reporters'
github\t'GitHub Actions workflow commands (verification: `::error file=…::` per problem)'"
complete -c kyso -n "__fish_kyso_using_subcommand extend" -l lang -d 'Language of messages [default: from KYSO_LANG, then LANG; English otherwise]' -r -f -a "en\t'English'
vi\t'Tiếng Việt'"
complete -c kyso -n "__fish_kyso_using_subcommand extend" -l color -d 'Colour output on a terminal (NO_COLOR turns "auto" off)' -r -f -a "auto\t'Colour when writing to a terminal and `NO_COLOR` is not set'
always\t''
never\t''"
complete -c kyso -n "__fish_kyso_using_subcommand extend" -l force -d 'Overwrite an existing output file'
complete -c kyso -n "__fish_kyso_using_subcommand extend" -l online -d 'Fetch certificates and revocation data named by the certificates (AIA OCSP and caIssuers, CRL distribution points) over HTTP'
complete -c kyso -n "__fish_kyso_using_subcommand extend" -s q -l quiet -d 'Print only errors (JSON output, when asked for, is still printed)'
complete -c kyso -n "__fish_kyso_using_subcommand extend" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c kyso -n "__fish_kyso_using_subcommand extend" -s V -l version -d 'Print version'
complete -c kyso -n "__fish_kyso_using_subcommand batch; and not __fish_seen_subcommand_from sign verify help" -l format -d 'Output format: text for people, or one JSON document (with a "schema" version) on stdout' -r -f -a "human\t'Text for people (in the chosen language)'
json\t'One JSON document on stdout, versioned by a "schema" field'
jsonl\t'JSON Lines: verification prints one file object per line, then a summary line'
junit\t'JUnit XML (verification: one testcase per file), for CI test reporters'
github\t'GitHub Actions workflow commands (verification: `::error file=…::` per problem)'"
complete -c kyso -n "__fish_kyso_using_subcommand batch; and not __fish_seen_subcommand_from sign verify help" -l lang -d 'Language of messages [default: from KYSO_LANG, then LANG; English otherwise]' -r -f -a "en\t'English'
vi\t'Tiếng Việt'"
complete -c kyso -n "__fish_kyso_using_subcommand batch; and not __fish_seen_subcommand_from sign verify help" -l color -d 'Colour output on a terminal (NO_COLOR turns "auto" off)' -r -f -a "auto\t'Colour when writing to a terminal and `NO_COLOR` is not set'
always\t''
never\t''"
complete -c kyso -n "__fish_kyso_using_subcommand batch; and not __fish_seen_subcommand_from sign verify help" -s q -l quiet -d 'Print only errors (JSON output, when asked for, is still printed)'
complete -c kyso -n "__fish_kyso_using_subcommand batch; and not __fish_seen_subcommand_from sign verify help" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c kyso -n "__fish_kyso_using_subcommand batch; and not __fish_seen_subcommand_from sign verify help" -s V -l version -d 'Print version'
complete -c kyso -n "__fish_kyso_using_subcommand batch; and not __fish_seen_subcommand_from sign verify help" -f -a "sign" -d 'Sign every PDF and XML document of a folder tree into a mirrored output tree'
complete -c kyso -n "__fish_kyso_using_subcommand batch; and not __fish_seen_subcommand_from sign verify help" -f -a "verify" -d 'Verify every file of one or more folder trees'
complete -c kyso -n "__fish_kyso_using_subcommand batch; and not __fish_seen_subcommand_from sign verify help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c kyso -n "__fish_kyso_using_subcommand batch; and __fish_seen_subcommand_from sign" -s o -l output -d 'The folder for the signed documents (the input tree is mirrored)' -r -F
complete -c kyso -n "__fish_kyso_using_subcommand batch; and __fish_seen_subcommand_from sign" -l others -d 'Files that are neither PDF nor XML: skip them, or sign them as detached .p7s' -r -f -a "skip\t'Leave them out (reported as skipped)'
p7s\t'Write a detached CMS signature FILE.p7s for each'"
complete -c kyso -n "__fish_kyso_using_subcommand batch; and __fish_seen_subcommand_from sign" -s j -l jobs -d 'Worker threads [default: two per core]' -r
complete -c kyso -n "__fish_kyso_using_subcommand batch; and __fish_seen_subcommand_from sign" -l report -d 'Write a manifest (JSON, or CSV for a .csv name): per file input/output paths and SHA-256, status, reason, signer, time; a journal (REPORT.journal) is kept meanwhile' -r -F
complete -c kyso -n "__fish_kyso_using_subcommand batch; and __fish_seen_subcommand_from sign" -l include -d 'Only files matching this glob (relative path; repeatable), e.g. "*.pdf"' -r
complete -c kyso -n "__fish_kyso_using_subcommand batch; and __fish_seen_subcommand_from sign" -l exclude -d 'Leave out files matching this glob (repeatable)' -r
complete -c kyso -n "__fish_kyso_using_subcommand batch; and __fish_seen_subcommand_from sign" -l as -d 'Sign as this profile from config.toml or kyso.toml (`kyso profile list`); flags given here override its values' -r
complete -c kyso -n "__fish_kyso_using_subcommand batch; and __fish_seen_subcommand_from sign" -l key -d 'Private key file (PEM or DER: PKCS#8, encrypted PKCS#8, PKCS#1 or SEC1); needs --cert' -r -F
complete -c kyso -n "__fish_kyso_using_subcommand batch; and __fish_seen_subcommand_from sign" -l p12 -d 'PKCS#12 file (.p12/.pfx) with the key and its certificate chain' -r -F
complete -c kyso -n "__fish_kyso_using_subcommand batch; and __fish_seen_subcommand_from sign" -l pkcs11 -d 'PKCS#11 module of a USB token (e.g. /usr/lib/softhsm/libsofthsm2.so); see `kyso token list`' -r -F
complete -c kyso -n "__fish_kyso_using_subcommand batch; and __fish_seen_subcommand_from sign" -l token -d 'Token label (with --pkcs11)' -r
complete -c kyso -n "__fish_kyso_using_subcommand batch; and __fish_seen_subcommand_from sign" -l slot -d 'Slot number (with --pkcs11)' -r
complete -c kyso -n "__fish_kyso_using_subcommand batch; and __fish_seen_subcommand_from sign" -l key-label -d 'Key label on the token (with --pkcs11)' -r
complete -c kyso -n "__fish_kyso_using_subcommand batch; and __fish_seen_subcommand_from sign" -l key-id -d 'Key id on the token, hex (with --pkcs11)' -r
complete -c kyso -n "__fish_kyso_using_subcommand batch; and __fish_seen_subcommand_from sign" -l pin-file -d 'Token PIN in a file (first line); KYSO_PIN is used when not given, then a prompt on a terminal' -r -F
complete -c kyso -n "__fish_kyso_using_subcommand batch; and __fish_seen_subcommand_from sign" -l cert -d 'The signer\'s certificate (PEM or DER; may also hold the chain, signer first). Optional with --p12, or with --pkcs11 when the token holds the certificate' -r -F
complete -c kyso -n "__fish_kyso_using_subcommand batch; and __fish_seen_subcommand_from sign" -l chain -d 'Issuer certificates to embed (repeatable)' -r -F
complete -c kyso -n "__fish_kyso_using_subcommand batch; and __fish_seen_subcommand_from sign" -l password-file -d 'Password of the key or .p12, in a file (first line); KYSO_KEY_PASSWORD is used when not given, then a prompt on a terminal' -r -F
complete -c kyso -n "__fish_kyso_using_subcommand batch; and __fish_seen_subcommand_from sign" -l digest -d 'Digest algorithm' -r -f -a "sha256\t''
sha384\t''
sha512\t''"
complete -c kyso -n "__fish_kyso_using_subcommand batch; and __fish_seen_subcommand_from sign" -l reason -d 'Reason for signing (/Reason), e.g. "Phê duyệt"' -r
complete -c kyso -n "__fish_kyso_using_subcommand batch; and __fish_seen_subcommand_from sign" -l location -d 'Where the signature was made (/Location), e.g. "Thái Nguyên"' -r
complete -c kyso -n "__fish_kyso_using_subcommand batch; and __fish_seen_subcommand_from sign" -l contact -d 'How to reach the signer (/ContactInfo)' -r
complete -c kyso -n "__fish_kyso_using_subcommand batch; and __fish_seen_subcommand_from sign" -l field -d 'Sign this existing empty signature field instead of adding a new one' -r
complete -c kyso -n "__fish_kyso_using_subcommand batch; and __fish_seen_subcommand_from sign" -l field-name -d 'Name of the new signature field [default: Signature{N}]' -r
complete -c kyso -n "__fish_kyso_using_subcommand batch; and __fish_seen_subcommand_from sign" -l subfilter -d 'Signature format in the PDF' -r -f -a "ETSI.CAdES.detached\t'PAdES baseline: /ETSI.CAdES.detached (ETSI EN 319 142-1)'
adbe.pkcs7.detached\t'Legacy PKCS#7: /adbe.pkcs7.detached'"
complete -c kyso -n "__fish_kyso_using_subcommand batch; and __fish_seen_subcommand_from sign" -l certify -d 'Make a certification (author) signature with these DocMDP permissions' -r -f -a "no-changes\t'DocMDP P=1: no changes allowed after this signature'
form-fill\t'DocMDP P=2: form filling and further signatures allowed'
annotate\t'DocMDP P=3: also annotations'"
complete -c kyso -n "__fish_kyso_using_subcommand batch; and __fish_seen_subcommand_from sign" -l appearance -d 'Visible signature as Decree 30/2020/NĐ-CP prescribes: approve (the leader\'s signature image), issue (the seal with the document number and date), attachment or copy (text at the top right of the first page)' -r -f -a "approve\t'ký phê duyệt: the leader\'s handwritten-signature image in the signature block'
issue\t'ký phát hành: the agency\'s seal over the left third of the leader\'s signature'
attachment\t'attachment in a separate file: number and signing time, top right of page 1'
copy\t'sao y / sao lục / trích sao: copy type, agency and time, top right of page 1'"
complete -c kyso -n "__fish_kyso_using_subcommand batch; and __fish_seen_subcommand_from sign" -l page -d 'Page of the visible signature (1-based)' -r
complete -c kyso -n "__fish_kyso_using_subcommand batch; and __fish_seen_subcommand_from sign" -l rect -d 'Box of the visible signature in PDF points: x1,y1,x2,y2' -r
complete -c kyso -n "__fish_kyso_using_subcommand batch; and __fish_seen_subcommand_from sign" -l anchor -d 'Place the visible signature relative to this text on the page (e.g. the signer\'s name)' -r
complete -c kyso -n "__fish_kyso_using_subcommand batch; and __fish_seen_subcommand_from sign" -l image -d 'Image for the appearance: the signature (approve) or the seal (issue); PNG or JPEG' -r -F
complete -c kyso -n "__fish_kyso_using_subcommand batch; and __fish_seen_subcommand_from sign" -l doc-number -d 'Document number and symbol (số, ký hiệu), e.g. "123/UBND-VP"' -r
complete -c kyso -n "__fish_kyso_using_subcommand batch; and __fish_seen_subcommand_from sign" -l copy-type -d 'Copy type for --appearance copy: "SAO Y", "SAO LỤC", "TRÍCH SAO"' -r
complete -c kyso -n "__fish_kyso_using_subcommand batch; and __fish_seen_subcommand_from sign" -l agency -d 'Agency name shown by the attachment and copy appearances' -r
complete -c kyso -n "__fish_kyso_using_subcommand batch; and __fish_seen_subcommand_from sign" -l font -d 'TrueType font for appearance text [default: Liberation Serif, metric-compatible with Times New Roman]' -r -F
complete -c kyso -n "__fish_kyso_using_subcommand batch; and __fish_seen_subcommand_from sign" -l pdf-password-file -d 'Password of an encrypted PDF (user or owner), in a file (first line); KYSO_PDF_PASSWORD is used when not given' -r -F
complete -c kyso -n "__fish_kyso_using_subcommand batch; and __fish_seen_subcommand_from sign" -l profile -d 'Signature layout' -r -f -a "enveloped\t'Enveloped signature of the whole document (or of --ref-id), as the root\'s last child'
einvoice\t'Vietnamese e-invoice layout: signs HDon/DLHDon by its Id, Signature in HDon/DSCKS/NBan, with a SigningTime property (Decree 123/2020, Circular 78/2021)'"
complete -c kyso -n "__fish_kyso_using_subcommand batch; and __fish_seen_subcommand_from sign" -l c14n -d 'Canonicalization for SignedInfo and the references (the e-invoice profile uses c14n)' -r -f -a "c14n\t'Canonical XML 1.0 (inclusive)'
c14n11\t'Canonical XML 1.1'
exc\t'Exclusive XML Canonicalization 1.0'"
complete -c kyso -n "__fish_kyso_using_subcommand batch; and __fish_seen_subcommand_from sign" -l ref-id -d 'Sign the element with this ID instead of the whole document' -r
complete -c kyso -n "__fish_kyso_using_subcommand batch; and __fish_seen_subcommand_from sign" -l id-attr -d 'Attribute names that carry IDs (repeatable) [default: Id, ID, id]' -r
complete -c kyso -n "__fish_kyso_using_subcommand batch; and __fish_seen_subcommand_from sign" -l into -d 'Put the Signature inside this element (a path of element names, e.g. /HDon/DSCKS/NBan)' -r
complete -c kyso -n "__fish_kyso_using_subcommand batch; and __fish_seen_subcommand_from sign" -l level -d 'Signature level [default: t with --tsa, else b]; lta is for PDF documents' -r -f -a "b\t'B-B: the signature alone (its time is the signer\'s claim)'
t\t'B-T: with a signature time-stamp from --tsa'
lt\t'B-LT: B-T with the chains and revocation data (PDF: the DSS; CMS: the SignedData; XAdES: CertificateValues and RevocationValues)'
lta\t'B-LTA (PDF only): B-LT with a document time-stamp over it'"
complete -c kyso -n "__fish_kyso_using_subcommand batch; and __fish_seen_subcommand_from sign" -l tsa -d 'RFC 3161 time-stamp service (http://...), e.g. the one `kyso pki serve` runs at /tsa' -r
complete -c kyso -n "__fish_kyso_using_subcommand batch; and __fish_seen_subcommand_from sign" -l tsa-cert -d 'The TSA\'s certificate (PEM or DER): tokens must be signed by it' -r -F
complete -c kyso -n "__fish_kyso_using_subcommand batch; and __fish_seen_subcommand_from sign" -l timeout -d 'Seconds to wait for each network call (TSA, OCSP, CRL, caIssuers)' -r
complete -c kyso -n "__fish_kyso_using_subcommand batch; and __fish_seen_subcommand_from sign" -l crl -d 'CRL files (PEM or DER, repeatable) to embed as revocation data' -r -F
complete -c kyso -n "__fish_kyso_using_subcommand batch; and __fish_seen_subcommand_from sign" -l ocsp-response -d 'OCSP response files (DER, repeatable) to embed as revocation data' -r -F
complete -c kyso -n "__fish_kyso_using_subcommand batch; and __fish_seen_subcommand_from sign" -l format -d 'Output format: text for people, or one JSON document (with a "schema" version) on stdout' -r -f -a "human\t'Text for people (in the chosen language)'
json\t'One JSON document on stdout, versioned by a "schema" field'
jsonl\t'JSON Lines: verification prints one file object per line, then a summary line'
junit\t'JUnit XML (verification: one testcase per file), for CI test reporters'
github\t'GitHub Actions workflow commands (verification: `::error file=…::` per problem)'"
complete -c kyso -n "__fish_kyso_using_subcommand batch; and __fish_seen_subcommand_from sign" -l lang -d 'Language of messages [default: from KYSO_LANG, then LANG; English otherwise]' -r -f -a "en\t'English'
vi\t'Tiếng Việt'"
complete -c kyso -n "__fish_kyso_using_subcommand batch; and __fish_seen_subcommand_from sign" -l color -d 'Colour output on a terminal (NO_COLOR turns "auto" off)' -r -f -a "auto\t'Colour when writing to a terminal and `NO_COLOR` is not set'
always\t''
never\t''"
complete -c kyso -n "__fish_kyso_using_subcommand batch; and __fish_seen_subcommand_from sign" -l in-place -d 'Replace each PDF/XML input by its signed version (and put .p7s beside others)'
complete -c kyso -n "__fish_kyso_using_subcommand batch; and __fish_seen_subcommand_from sign" -l resume -d 'Continue an interrupted batch: skip files whose output exists and verifies'
complete -c kyso -n "__fish_kyso_using_subcommand batch; and __fish_seen_subcommand_from sign" -l force -d 'Overwrite existing outputs'
complete -c kyso -n "__fish_kyso_using_subcommand batch; and __fish_seen_subcommand_from sign" -l hidden -d 'Also take hidden files and folders (names starting with \'.\')'
complete -c kyso -n "__fish_kyso_using_subcommand batch; and __fish_seen_subcommand_from sign" -l pss -d 'Use RSASSA-PSS instead of PKCS#1 v1.5 for RSA keys (Circular 15/2025/TT-BKHCN)'
complete -c kyso -n "__fish_kyso_using_subcommand batch; and __fish_seen_subcommand_from sign" -l xades -d 'Add XAdES B-B signed properties (SigningTime, SigningCertificateV2, DataObjectFormat)'
complete -c kyso -n "__fish_kyso_using_subcommand batch; and __fish_seen_subcommand_from sign" -l ds-prefix -d 'Write the signature with the `ds:` prefix instead of a default namespace'
complete -c kyso -n "__fish_kyso_using_subcommand batch; and __fish_seen_subcommand_from sign" -l online -d 'Fetch certificates and revocation data named by the certificates (AIA OCSP and caIssuers, CRL distribution points) over HTTP'
complete -c kyso -n "__fish_kyso_using_subcommand batch; and __fish_seen_subcommand_from sign" -s q -l quiet -d 'Print only errors (JSON output, when asked for, is still printed)'
complete -c kyso -n "__fish_kyso_using_subcommand batch; and __fish_seen_subcommand_from sign" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c kyso -n "__fish_kyso_using_subcommand batch; and __fish_seen_subcommand_from sign" -s V -l version -d 'Print version'
complete -c kyso -n "__fish_kyso_using_subcommand batch; and __fish_seen_subcommand_from verify" -l id-attr -d 'XML: attribute names that carry IDs (repeatable) [default: Id, ID, id]' -r
complete -c kyso -n "__fish_kyso_using_subcommand batch; and __fish_seen_subcommand_from verify" -s j -l jobs -d 'Worker threads [default: all cores]' -r
complete -c kyso -n "__fish_kyso_using_subcommand batch; and __fish_seen_subcommand_from verify" -l trust -d 'Trust anchors: a PEM/DER certificate file, a folder of them, or a trust store @NAME (`kyso trust list`; @vn: the Vietnamese national and Government CA roots) (repeatable). Without anchors no signature can be better than "indeterminate"' -r -F
complete -c kyso -n "__fish_kyso_using_subcommand batch; and __fish_seen_subcommand_from verify" -l certs -d 'Untrusted intermediate certificates to help build chains: a file, a folder or a trust store @NAME (@vn: the Vietnamese public CAs) (repeatable)' -r -F
complete -c kyso -n "__fish_kyso_using_subcommand batch; and __fish_seen_subcommand_from verify" -l crl -d 'CRLs (PEM or DER, repeatable): a certificate revoked before the validation time makes the signature invalid' -r -F
complete -c kyso -n "__fish_kyso_using_subcommand batch; and __fish_seen_subcommand_from verify" -l at -d 'Validation time, RFC 3339 or YYYY-MM-DD [default: now]' -r
complete -c kyso -n "__fish_kyso_using_subcommand batch; and __fish_seen_subcommand_from verify" -l pdf-password-file -d 'Password of encrypted PDFs, in a file (first line); KYSO_PDF_PASSWORD is used when not given (the empty user password is always tried)' -r -F
complete -c kyso -n "__fish_kyso_using_subcommand batch; and __fish_seen_subcommand_from verify" -l pdf-work-limit -d 'Work budget of a PDF\'s revision analysis, in object visits; a document that needs more is INDETERMINATE (LIMIT_EXCEEDED)' -r
complete -c kyso -n "__fish_kyso_using_subcommand batch; and __fish_seen_subcommand_from verify" -l cert-policy -d 'An acceptable certificate policy OID (repeatable) [default: any policy]' -r
complete -c kyso -n "__fish_kyso_using_subcommand batch; and __fish_seen_subcommand_from verify" -l include -d 'Only files matching this glob (relative path; repeatable), e.g. "*.pdf"' -r
complete -c kyso -n "__fish_kyso_using_subcommand batch; and __fish_seen_subcommand_from verify" -l exclude -d 'Leave out files matching this glob (repeatable)' -r
complete -c kyso -n "__fish_kyso_using_subcommand batch; and __fish_seen_subcommand_from verify" -l max-attachment-size -d 'Largest attachment, and largest file unpacked from a zip (K, M, G suffixes)' -r
complete -c kyso -n "__fish_kyso_using_subcommand batch; and __fish_seen_subcommand_from verify" -l max-package-size -d 'Most bytes decoded and unpacked from one package, nested packages included' -r
complete -c kyso -n "__fish_kyso_using_subcommand batch; and __fish_seen_subcommand_from verify" -l max-attachments -d 'Most attachments in a package, and most files in one zip' -r
complete -c kyso -n "__fish_kyso_using_subcommand batch; and __fish_seen_subcommand_from verify" -l max-zip-ratio -d 'Largest unpacked/packed size ratio of a zip entry over 1 MiB' -r
complete -c kyso -n "__fish_kyso_using_subcommand batch; and __fish_seen_subcommand_from verify" -l policy -d 'A policy file (TOML with a [verify] table); without it, the [verify] table of the nearest kyso.toml (this folder or one above) is used when there is one' -r -F
complete -c kyso -n "__fish_kyso_using_subcommand batch; and __fish_seen_subcommand_from verify" -l require-signer -d 'Accept only valid signatures by this signer: a certificate SHA-256, a certificate file, or subject attributes such as UID=MST:0101234567 or O=… (issuer:… for the issuer); repeatable, any one matches' -r
complete -c kyso -n "__fish_kyso_using_subcommand batch; and __fish_seen_subcommand_from verify" -l min-signatures -d 'At least N valid signatures (by required signers, when given)' -r
complete -c kyso -n "__fish_kyso_using_subcommand batch; and __fish_seen_subcommand_from verify" -l require-level -d 'Signature level at least b, t, lt or lta' -r
complete -c kyso -n "__fish_kyso_using_subcommand batch; and __fish_seen_subcommand_from verify" -l allow-algorithms -d 'Allowed digest and signature algorithms, comma-separated (e.g. sha256,sha384,rsa,ecdsa)' -r
complete -c kyso -n "__fish_kyso_using_subcommand batch; and __fish_seen_subcommand_from verify" -l min-rsa-bits -d 'Signers\' RSA keys at least this many bits' -r
complete -c kyso -n "__fish_kyso_using_subcommand batch; and __fish_seen_subcommand_from verify" -l signed-after -d 'Signed at or after TIME (RFC 3339 or YYYY-MM-DD; the proven time when there is one)' -r
complete -c kyso -n "__fish_kyso_using_subcommand batch; and __fish_seen_subcommand_from verify" -l signed-before -d 'Signed before TIME' -r
complete -c kyso -n "__fish_kyso_using_subcommand batch; and __fish_seen_subcommand_from verify" -l ocsp-response -d 'OCSP responses (DER OCSPResponse files, repeatable) to use as revocation data' -r -F
complete -c kyso -n "__fish_kyso_using_subcommand batch; and __fish_seen_subcommand_from verify" -l revocation-timeout -d 'With --online: seconds to wait for each OCSP or CRL request' -r
complete -c kyso -n "__fish_kyso_using_subcommand batch; and __fish_seen_subcommand_from verify" -l format -d 'Output format: text for people, or one JSON document (with a "schema" version) on stdout' -r -f -a "human\t'Text for people (in the chosen language)'
json\t'One JSON document on stdout, versioned by a "schema" field'
jsonl\t'JSON Lines: verification prints one file object per line, then a summary line'
junit\t'JUnit XML (verification: one testcase per file), for CI test reporters'
github\t'GitHub Actions workflow commands (verification: `::error file=…::` per problem)'"
complete -c kyso -n "__fish_kyso_using_subcommand batch; and __fish_seen_subcommand_from verify" -l lang -d 'Language of messages [default: from KYSO_LANG, then LANG; English otherwise]' -r -f -a "en\t'English'
vi\t'Tiếng Việt'"
complete -c kyso -n "__fish_kyso_using_subcommand batch; and __fish_seen_subcommand_from verify" -l color -d 'Colour output on a terminal (NO_COLOR turns "auto" off)' -r -f -a "auto\t'Colour when writing to a terminal and `NO_COLOR` is not set'
always\t''
never\t''"
complete -c kyso -n "__fish_kyso_using_subcommand batch; and __fish_seen_subcommand_from verify" -l require-revocation -d 'Without a usable CRL for every certificate below the anchor the result is indeterminate (TRY_LATER) [default: an unknown status is reported only]'
complete -c kyso -n "__fish_kyso_using_subcommand batch; and __fish_seen_subcommand_from verify" -l explicit-policy -d 'The path must be valid for at least one (acceptable) certificate policy'
complete -c kyso -n "__fish_kyso_using_subcommand batch; and __fish_seen_subcommand_from verify" -l inhibit-policy-mapping -d 'Policy mappings are not allowed'
complete -c kyso -n "__fish_kyso_using_subcommand batch; and __fish_seen_subcommand_from verify" -l inhibit-any-policy -d 'anyPolicy in certificates is not taken as matching every policy'
complete -c kyso -n "__fish_kyso_using_subcommand batch; and __fish_seen_subcommand_from verify" -l hidden -d 'Also take hidden files and folders (names starting with \'.\')'
complete -c kyso -n "__fish_kyso_using_subcommand batch; and __fish_seen_subcommand_from verify" -l no-policy -d 'Ignore kyso.toml'
complete -c kyso -n "__fish_kyso_using_subcommand batch; and __fish_seen_subcommand_from verify" -l require-whole-file -d 'A valid signature covers the whole file (nothing added after the last signature)'
complete -c kyso -n "__fish_kyso_using_subcommand batch; and __fish_seen_subcommand_from verify" -l require-certification -d 'A valid certification (DocMDP) signature on the PDF'
complete -c kyso -n "__fish_kyso_using_subcommand batch; and __fish_seen_subcommand_from verify" -l online -d 'Fetch missing revocation data over HTTP: an OCSP response from each certificate\'s AIA, else its CRL distribution point (implies --require-revocation; without it nothing is fetched)'
complete -c kyso -n "__fish_kyso_using_subcommand batch; and __fish_seen_subcommand_from verify" -s q -l quiet -d 'Print only errors (JSON output, when asked for, is still printed)'
complete -c kyso -n "__fish_kyso_using_subcommand batch; and __fish_seen_subcommand_from verify" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c kyso -n "__fish_kyso_using_subcommand batch; and __fish_seen_subcommand_from verify" -s V -l version -d 'Print version'
complete -c kyso -n "__fish_kyso_using_subcommand batch; and __fish_seen_subcommand_from help" -f -a "sign" -d 'Sign every PDF and XML document of a folder tree into a mirrored output tree'
complete -c kyso -n "__fish_kyso_using_subcommand batch; and __fish_seen_subcommand_from help" -f -a "verify" -d 'Verify every file of one or more folder trees'
complete -c kyso -n "__fish_kyso_using_subcommand batch; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c kyso -n "__fish_kyso_using_subcommand trust; and not __fish_seen_subcommand_from add list show remove help" -l format -d 'Output format: text for people, or one JSON document (with a "schema" version) on stdout' -r -f -a "human\t'Text for people (in the chosen language)'
json\t'One JSON document on stdout, versioned by a "schema" field'
jsonl\t'JSON Lines: verification prints one file object per line, then a summary line'
junit\t'JUnit XML (verification: one testcase per file), for CI test reporters'
github\t'GitHub Actions workflow commands (verification: `::error file=…::` per problem)'"
complete -c kyso -n "__fish_kyso_using_subcommand trust; and not __fish_seen_subcommand_from add list show remove help" -l lang -d 'Language of messages [default: from KYSO_LANG, then LANG; English otherwise]' -r -f -a "en\t'English'
vi\t'Tiếng Việt'"
complete -c kyso -n "__fish_kyso_using_subcommand trust; and not __fish_seen_subcommand_from add list show remove help" -l color -d 'Colour output on a terminal (NO_COLOR turns "auto" off)' -r -f -a "auto\t'Colour when writing to a terminal and `NO_COLOR` is not set'
always\t''
never\t''"
complete -c kyso -n "__fish_kyso_using_subcommand trust; and not __fish_seen_subcommand_from add list show remove help" -s q -l quiet -d 'Print only errors (JSON output, when asked for, is still printed)'
complete -c kyso -n "__fish_kyso_using_subcommand trust; and not __fish_seen_subcommand_from add list show remove help" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c kyso -n "__fish_kyso_using_subcommand trust; and not __fish_seen_subcommand_from add list show remove help" -s V -l version -d 'Print version'
complete -c kyso -n "__fish_kyso_using_subcommand trust; and not __fish_seen_subcommand_from add list show remove help" -f -a "add" -d 'Add CA certificates (PEM or DER, several per file, or a .p7b bundle) to a store, creating it'
complete -c kyso -n "__fish_kyso_using_subcommand trust; and not __fish_seen_subcommand_from add list show remove help" -f -a "list" -d 'List the trust stores: the built-in ones and the user\'s'
complete -c kyso -n "__fish_kyso_using_subcommand trust; and not __fish_seen_subcommand_from add list show remove help" -f -a "show" -d 'Show each certificate of a store: subject, issuer, validity, SHA-256'
complete -c kyso -n "__fish_kyso_using_subcommand trust; and not __fish_seen_subcommand_from add list show remove help" -f -a "remove" -d 'Remove a user store and its certificates'
complete -c kyso -n "__fish_kyso_using_subcommand trust; and not __fish_seen_subcommand_from add list show remove help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c kyso -n "__fish_kyso_using_subcommand trust; and __fish_seen_subcommand_from add" -l format -d 'Output format: text for people, or one JSON document (with a "schema" version) on stdout' -r -f -a "human\t'Text for people (in the chosen language)'
json\t'One JSON document on stdout, versioned by a "schema" field'
jsonl\t'JSON Lines: verification prints one file object per line, then a summary line'
junit\t'JUnit XML (verification: one testcase per file), for CI test reporters'
github\t'GitHub Actions workflow commands (verification: `::error file=…::` per problem)'"
complete -c kyso -n "__fish_kyso_using_subcommand trust; and __fish_seen_subcommand_from add" -l lang -d 'Language of messages [default: from KYSO_LANG, then LANG; English otherwise]' -r -f -a "en\t'English'
vi\t'Tiếng Việt'"
complete -c kyso -n "__fish_kyso_using_subcommand trust; and __fish_seen_subcommand_from add" -l color -d 'Colour output on a terminal (NO_COLOR turns "auto" off)' -r -f -a "auto\t'Colour when writing to a terminal and `NO_COLOR` is not set'
always\t''
never\t''"
complete -c kyso -n "__fish_kyso_using_subcommand trust; and __fish_seen_subcommand_from add" -s q -l quiet -d 'Print only errors (JSON output, when asked for, is still printed)'
complete -c kyso -n "__fish_kyso_using_subcommand trust; and __fish_seen_subcommand_from add" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c kyso -n "__fish_kyso_using_subcommand trust; and __fish_seen_subcommand_from add" -s V -l version -d 'Print version'
complete -c kyso -n "__fish_kyso_using_subcommand trust; and __fish_seen_subcommand_from list" -l format -d 'Output format: text for people, or one JSON document (with a "schema" version) on stdout' -r -f -a "human\t'Text for people (in the chosen language)'
json\t'One JSON document on stdout, versioned by a "schema" field'
jsonl\t'JSON Lines: verification prints one file object per line, then a summary line'
junit\t'JUnit XML (verification: one testcase per file), for CI test reporters'
github\t'GitHub Actions workflow commands (verification: `::error file=…::` per problem)'"
complete -c kyso -n "__fish_kyso_using_subcommand trust; and __fish_seen_subcommand_from list" -l lang -d 'Language of messages [default: from KYSO_LANG, then LANG; English otherwise]' -r -f -a "en\t'English'
vi\t'Tiếng Việt'"
complete -c kyso -n "__fish_kyso_using_subcommand trust; and __fish_seen_subcommand_from list" -l color -d 'Colour output on a terminal (NO_COLOR turns "auto" off)' -r -f -a "auto\t'Colour when writing to a terminal and `NO_COLOR` is not set'
always\t''
never\t''"
complete -c kyso -n "__fish_kyso_using_subcommand trust; and __fish_seen_subcommand_from list" -s q -l quiet -d 'Print only errors (JSON output, when asked for, is still printed)'
complete -c kyso -n "__fish_kyso_using_subcommand trust; and __fish_seen_subcommand_from list" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c kyso -n "__fish_kyso_using_subcommand trust; and __fish_seen_subcommand_from list" -s V -l version -d 'Print version'
complete -c kyso -n "__fish_kyso_using_subcommand trust; and __fish_seen_subcommand_from show" -l format -d 'Output format: text for people, or one JSON document (with a "schema" version) on stdout' -r -f -a "human\t'Text for people (in the chosen language)'
json\t'One JSON document on stdout, versioned by a "schema" field'
jsonl\t'JSON Lines: verification prints one file object per line, then a summary line'
junit\t'JUnit XML (verification: one testcase per file), for CI test reporters'
github\t'GitHub Actions workflow commands (verification: `::error file=…::` per problem)'"
complete -c kyso -n "__fish_kyso_using_subcommand trust; and __fish_seen_subcommand_from show" -l lang -d 'Language of messages [default: from KYSO_LANG, then LANG; English otherwise]' -r -f -a "en\t'English'
vi\t'Tiếng Việt'"
complete -c kyso -n "__fish_kyso_using_subcommand trust; and __fish_seen_subcommand_from show" -l color -d 'Colour output on a terminal (NO_COLOR turns "auto" off)' -r -f -a "auto\t'Colour when writing to a terminal and `NO_COLOR` is not set'
always\t''
never\t''"
complete -c kyso -n "__fish_kyso_using_subcommand trust; and __fish_seen_subcommand_from show" -s q -l quiet -d 'Print only errors (JSON output, when asked for, is still printed)'
complete -c kyso -n "__fish_kyso_using_subcommand trust; and __fish_seen_subcommand_from show" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c kyso -n "__fish_kyso_using_subcommand trust; and __fish_seen_subcommand_from show" -s V -l version -d 'Print version'
complete -c kyso -n "__fish_kyso_using_subcommand trust; and __fish_seen_subcommand_from remove" -l format -d 'Output format: text for people, or one JSON document (with a "schema" version) on stdout' -r -f -a "human\t'Text for people (in the chosen language)'
json\t'One JSON document on stdout, versioned by a "schema" field'
jsonl\t'JSON Lines: verification prints one file object per line, then a summary line'
junit\t'JUnit XML (verification: one testcase per file), for CI test reporters'
github\t'GitHub Actions workflow commands (verification: `::error file=…::` per problem)'"
complete -c kyso -n "__fish_kyso_using_subcommand trust; and __fish_seen_subcommand_from remove" -l lang -d 'Language of messages [default: from KYSO_LANG, then LANG; English otherwise]' -r -f -a "en\t'English'
vi\t'Tiếng Việt'"
complete -c kyso -n "__fish_kyso_using_subcommand trust; and __fish_seen_subcommand_from remove" -l color -d 'Colour output on a terminal (NO_COLOR turns "auto" off)' -r -f -a "auto\t'Colour when writing to a terminal and `NO_COLOR` is not set'
always\t''
never\t''"
complete -c kyso -n "__fish_kyso_using_subcommand trust; and __fish_seen_subcommand_from remove" -s q -l quiet -d 'Print only errors (JSON output, when asked for, is still printed)'
complete -c kyso -n "__fish_kyso_using_subcommand trust; and __fish_seen_subcommand_from remove" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c kyso -n "__fish_kyso_using_subcommand trust; and __fish_seen_subcommand_from remove" -s V -l version -d 'Print version'
complete -c kyso -n "__fish_kyso_using_subcommand trust; and __fish_seen_subcommand_from help" -f -a "add" -d 'Add CA certificates (PEM or DER, several per file, or a .p7b bundle) to a store, creating it'
complete -c kyso -n "__fish_kyso_using_subcommand trust; and __fish_seen_subcommand_from help" -f -a "list" -d 'List the trust stores: the built-in ones and the user\'s'
complete -c kyso -n "__fish_kyso_using_subcommand trust; and __fish_seen_subcommand_from help" -f -a "show" -d 'Show each certificate of a store: subject, issuer, validity, SHA-256'
complete -c kyso -n "__fish_kyso_using_subcommand trust; and __fish_seen_subcommand_from help" -f -a "remove" -d 'Remove a user store and its certificates'
complete -c kyso -n "__fish_kyso_using_subcommand trust; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c kyso -n "__fish_kyso_using_subcommand token; and not __fish_seen_subcommand_from list help" -l format -d 'Output format: text for people, or one JSON document (with a "schema" version) on stdout' -r -f -a "human\t'Text for people (in the chosen language)'
json\t'One JSON document on stdout, versioned by a "schema" field'
jsonl\t'JSON Lines: verification prints one file object per line, then a summary line'
junit\t'JUnit XML (verification: one testcase per file), for CI test reporters'
github\t'GitHub Actions workflow commands (verification: `::error file=…::` per problem)'"
complete -c kyso -n "__fish_kyso_using_subcommand token; and not __fish_seen_subcommand_from list help" -l lang -d 'Language of messages [default: from KYSO_LANG, then LANG; English otherwise]' -r -f -a "en\t'English'
vi\t'Tiếng Việt'"
complete -c kyso -n "__fish_kyso_using_subcommand token; and not __fish_seen_subcommand_from list help" -l color -d 'Colour output on a terminal (NO_COLOR turns "auto" off)' -r -f -a "auto\t'Colour when writing to a terminal and `NO_COLOR` is not set'
always\t''
never\t''"
complete -c kyso -n "__fish_kyso_using_subcommand token; and not __fish_seen_subcommand_from list help" -s q -l quiet -d 'Print only errors (JSON output, when asked for, is still printed)'
complete -c kyso -n "__fish_kyso_using_subcommand token; and not __fish_seen_subcommand_from list help" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c kyso -n "__fish_kyso_using_subcommand token; and not __fish_seen_subcommand_from list help" -s V -l version -d 'Print version'
complete -c kyso -n "__fish_kyso_using_subcommand token; and not __fish_seen_subcommand_from list help" -f -a "list" -d 'List slots, tokens, and the keys and certificates on them'
complete -c kyso -n "__fish_kyso_using_subcommand token; and not __fish_seen_subcommand_from list help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c kyso -n "__fish_kyso_using_subcommand token; and __fish_seen_subcommand_from list" -l pkcs11 -d 'PKCS#11 module of the token (e.g. /usr/lib/softhsm/libsofthsm2.so)' -r -F
complete -c kyso -n "__fish_kyso_using_subcommand token; and __fish_seen_subcommand_from list" -l token -d 'Only this token (label)' -r
complete -c kyso -n "__fish_kyso_using_subcommand token; and __fish_seen_subcommand_from list" -l pin-file -d 'Log in with the PIN in this file to list private keys too (KYSO_PIN also works); without a PIN only public objects are listed' -r -F
complete -c kyso -n "__fish_kyso_using_subcommand token; and __fish_seen_subcommand_from list" -l format -d 'Output format: text for people, or one JSON document (with a "schema" version) on stdout' -r -f -a "human\t'Text for people (in the chosen language)'
json\t'One JSON document on stdout, versioned by a "schema" field'
jsonl\t'JSON Lines: verification prints one file object per line, then a summary line'
junit\t'JUnit XML (verification: one testcase per file), for CI test reporters'
github\t'GitHub Actions workflow commands (verification: `::error file=…::` per problem)'"
complete -c kyso -n "__fish_kyso_using_subcommand token; and __fish_seen_subcommand_from list" -l lang -d 'Language of messages [default: from KYSO_LANG, then LANG; English otherwise]' -r -f -a "en\t'English'
vi\t'Tiếng Việt'"
complete -c kyso -n "__fish_kyso_using_subcommand token; and __fish_seen_subcommand_from list" -l color -d 'Colour output on a terminal (NO_COLOR turns "auto" off)' -r -f -a "auto\t'Colour when writing to a terminal and `NO_COLOR` is not set'
always\t''
never\t''"
complete -c kyso -n "__fish_kyso_using_subcommand token; and __fish_seen_subcommand_from list" -s q -l quiet -d 'Print only errors (JSON output, when asked for, is still printed)'
complete -c kyso -n "__fish_kyso_using_subcommand token; and __fish_seen_subcommand_from list" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c kyso -n "__fish_kyso_using_subcommand token; and __fish_seen_subcommand_from list" -s V -l version -d 'Print version'
complete -c kyso -n "__fish_kyso_using_subcommand token; and __fish_seen_subcommand_from help" -f -a "list" -d 'List slots, tokens, and the keys and certificates on them'
complete -c kyso -n "__fish_kyso_using_subcommand token; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c kyso -n "__fish_kyso_using_subcommand profile; and not __fish_seen_subcommand_from list show add help" -l format -d 'Output format: text for people, or one JSON document (with a "schema" version) on stdout' -r -f -a "human\t'Text for people (in the chosen language)'
json\t'One JSON document on stdout, versioned by a "schema" field'
jsonl\t'JSON Lines: verification prints one file object per line, then a summary line'
junit\t'JUnit XML (verification: one testcase per file), for CI test reporters'
github\t'GitHub Actions workflow commands (verification: `::error file=…::` per problem)'"
complete -c kyso -n "__fish_kyso_using_subcommand profile; and not __fish_seen_subcommand_from list show add help" -l lang -d 'Language of messages [default: from KYSO_LANG, then LANG; English otherwise]' -r -f -a "en\t'English'
vi\t'Tiếng Việt'"
complete -c kyso -n "__fish_kyso_using_subcommand profile; and not __fish_seen_subcommand_from list show add help" -l color -d 'Colour output on a terminal (NO_COLOR turns "auto" off)' -r -f -a "auto\t'Colour when writing to a terminal and `NO_COLOR` is not set'
always\t''
never\t''"
complete -c kyso -n "__fish_kyso_using_subcommand profile; and not __fish_seen_subcommand_from list show add help" -s q -l quiet -d 'Print only errors (JSON output, when asked for, is still printed)'
complete -c kyso -n "__fish_kyso_using_subcommand profile; and not __fish_seen_subcommand_from list show add help" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c kyso -n "__fish_kyso_using_subcommand profile; and not __fish_seen_subcommand_from list show add help" -s V -l version -d 'Print version'
complete -c kyso -n "__fish_kyso_using_subcommand profile; and not __fish_seen_subcommand_from list show add help" -f -a "list" -d 'List the signing profiles (the user\'s config.toml, then the project\'s kyso.toml)'
complete -c kyso -n "__fish_kyso_using_subcommand profile; and not __fish_seen_subcommand_from list show add help" -f -a "show" -d 'Show what a profile resolves to (PINs and passwords shown as where they come from)'
complete -c kyso -n "__fish_kyso_using_subcommand profile; and not __fish_seen_subcommand_from list show add help" -f -a "add" -d 'Create a profile: asks on a terminal (token, key, appearance, image), or takes flags'
complete -c kyso -n "__fish_kyso_using_subcommand profile; and not __fish_seen_subcommand_from list show add help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c kyso -n "__fish_kyso_using_subcommand profile; and __fish_seen_subcommand_from list" -l format -d 'Output format: text for people, or one JSON document (with a "schema" version) on stdout' -r -f -a "human\t'Text for people (in the chosen language)'
json\t'One JSON document on stdout, versioned by a "schema" field'
jsonl\t'JSON Lines: verification prints one file object per line, then a summary line'
junit\t'JUnit XML (verification: one testcase per file), for CI test reporters'
github\t'GitHub Actions workflow commands (verification: `::error file=…::` per problem)'"
complete -c kyso -n "__fish_kyso_using_subcommand profile; and __fish_seen_subcommand_from list" -l lang -d 'Language of messages [default: from KYSO_LANG, then LANG; English otherwise]' -r -f -a "en\t'English'
vi\t'Tiếng Việt'"
complete -c kyso -n "__fish_kyso_using_subcommand profile; and __fish_seen_subcommand_from list" -l color -d 'Colour output on a terminal (NO_COLOR turns "auto" off)' -r -f -a "auto\t'Colour when writing to a terminal and `NO_COLOR` is not set'
always\t''
never\t''"
complete -c kyso -n "__fish_kyso_using_subcommand profile; and __fish_seen_subcommand_from list" -s q -l quiet -d 'Print only errors (JSON output, when asked for, is still printed)'
complete -c kyso -n "__fish_kyso_using_subcommand profile; and __fish_seen_subcommand_from list" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c kyso -n "__fish_kyso_using_subcommand profile; and __fish_seen_subcommand_from list" -s V -l version -d 'Print version'
complete -c kyso -n "__fish_kyso_using_subcommand profile; and __fish_seen_subcommand_from show" -l format -d 'Output format: text for people, or one JSON document (with a "schema" version) on stdout' -r -f -a "human\t'Text for people (in the chosen language)'
json\t'One JSON document on stdout, versioned by a "schema" field'
jsonl\t'JSON Lines: verification prints one file object per line, then a summary line'
junit\t'JUnit XML (verification: one testcase per file), for CI test reporters'
github\t'GitHub Actions workflow commands (verification: `::error file=…::` per problem)'"
complete -c kyso -n "__fish_kyso_using_subcommand profile; and __fish_seen_subcommand_from show" -l lang -d 'Language of messages [default: from KYSO_LANG, then LANG; English otherwise]' -r -f -a "en\t'English'
vi\t'Tiếng Việt'"
complete -c kyso -n "__fish_kyso_using_subcommand profile; and __fish_seen_subcommand_from show" -l color -d 'Colour output on a terminal (NO_COLOR turns "auto" off)' -r -f -a "auto\t'Colour when writing to a terminal and `NO_COLOR` is not set'
always\t''
never\t''"
complete -c kyso -n "__fish_kyso_using_subcommand profile; and __fish_seen_subcommand_from show" -s q -l quiet -d 'Print only errors (JSON output, when asked for, is still printed)'
complete -c kyso -n "__fish_kyso_using_subcommand profile; and __fish_seen_subcommand_from show" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c kyso -n "__fish_kyso_using_subcommand profile; and __fish_seen_subcommand_from show" -s V -l version -d 'Print version'
complete -c kyso -n "__fish_kyso_using_subcommand profile; and __fish_seen_subcommand_from add" -l key -d 'Private key file; needs --cert' -r -F
complete -c kyso -n "__fish_kyso_using_subcommand profile; and __fish_seen_subcommand_from add" -l p12 -d 'PKCS#12 file (.p12/.pfx)' -r -F
complete -c kyso -n "__fish_kyso_using_subcommand profile; and __fish_seen_subcommand_from add" -l pkcs11 -d 'PKCS#11 module of a USB token' -r -F
complete -c kyso -n "__fish_kyso_using_subcommand profile; and __fish_seen_subcommand_from add" -l token -d 'Token label' -r
complete -c kyso -n "__fish_kyso_using_subcommand profile; and __fish_seen_subcommand_from add" -l slot -d 'Slot number' -r
complete -c kyso -n "__fish_kyso_using_subcommand profile; and __fish_seen_subcommand_from add" -l key-label -d 'Key label on the token' -r
complete -c kyso -n "__fish_kyso_using_subcommand profile; and __fish_seen_subcommand_from add" -l key-id -d 'Key id on the token, hex' -r
complete -c kyso -n "__fish_kyso_using_subcommand profile; and __fish_seen_subcommand_from add" -l pin-file -d 'A file holding the token PIN (the PIN itself is never stored)' -r -F
complete -c kyso -n "__fish_kyso_using_subcommand profile; and __fish_seen_subcommand_from add" -l cert -d 'The signer\'s certificate file' -r -F
complete -c kyso -n "__fish_kyso_using_subcommand profile; and __fish_seen_subcommand_from add" -l chain -d 'Issuer certificates to embed (repeatable)' -r -F
complete -c kyso -n "__fish_kyso_using_subcommand profile; and __fish_seen_subcommand_from add" -l password-file -d 'A file holding the key or .p12 password (the password itself is never stored)' -r -F
complete -c kyso -n "__fish_kyso_using_subcommand profile; and __fish_seen_subcommand_from add" -l digest -d 'Digest algorithm' -r -f -a "sha256\t''
sha384\t''
sha512\t''"
complete -c kyso -n "__fish_kyso_using_subcommand profile; and __fish_seen_subcommand_from add" -l appearance -d 'Visible signature (Decree 30/2020/NĐ-CP step)' -r -f -a "approve\t'ký phê duyệt: the leader\'s handwritten-signature image in the signature block'
issue\t'ký phát hành: the agency\'s seal over the left third of the leader\'s signature'
attachment\t'attachment in a separate file: number and signing time, top right of page 1'
copy\t'sao y / sao lục / trích sao: copy type, agency and time, top right of page 1'"
complete -c kyso -n "__fish_kyso_using_subcommand profile; and __fish_seen_subcommand_from add" -l image -d 'Image for the appearance (signature or seal), PNG or JPEG' -r -F
complete -c kyso -n "__fish_kyso_using_subcommand profile; and __fish_seen_subcommand_from add" -l anchor -d 'Place the visible signature relative to this text (e.g. the signer\'s name)' -r
complete -c kyso -n "__fish_kyso_using_subcommand profile; and __fish_seen_subcommand_from add" -l rect -d 'Box of the visible signature: x1,y1,x2,y2' -r
complete -c kyso -n "__fish_kyso_using_subcommand profile; and __fish_seen_subcommand_from add" -l page -d 'Page of the visible signature (1-based)' -r
complete -c kyso -n "__fish_kyso_using_subcommand profile; and __fish_seen_subcommand_from add" -l reason -d 'Reason for signing, e.g. "Phê duyệt"' -r
complete -c kyso -n "__fish_kyso_using_subcommand profile; and __fish_seen_subcommand_from add" -l location -d 'Where the signature is made, e.g. "Thái Nguyên"' -r
complete -c kyso -n "__fish_kyso_using_subcommand profile; and __fish_seen_subcommand_from add" -l contact -d 'How to reach the signer' -r
complete -c kyso -n "__fish_kyso_using_subcommand profile; and __fish_seen_subcommand_from add" -l format -d 'Output format: text for people, or one JSON document (with a "schema" version) on stdout' -r -f -a "human\t'Text for people (in the chosen language)'
json\t'One JSON document on stdout, versioned by a "schema" field'
jsonl\t'JSON Lines: verification prints one file object per line, then a summary line'
junit\t'JUnit XML (verification: one testcase per file), for CI test reporters'
github\t'GitHub Actions workflow commands (verification: `::error file=…::` per problem)'"
complete -c kyso -n "__fish_kyso_using_subcommand profile; and __fish_seen_subcommand_from add" -l lang -d 'Language of messages [default: from KYSO_LANG, then LANG; English otherwise]' -r -f -a "en\t'English'
vi\t'Tiếng Việt'"
complete -c kyso -n "__fish_kyso_using_subcommand profile; and __fish_seen_subcommand_from add" -l color -d 'Colour output on a terminal (NO_COLOR turns "auto" off)' -r -f -a "auto\t'Colour when writing to a terminal and `NO_COLOR` is not set'
always\t''
never\t''"
complete -c kyso -n "__fish_kyso_using_subcommand profile; and __fish_seen_subcommand_from add" -l project -d 'Write into the project\'s kyso.toml (the nearest one, else ./kyso.toml) instead of the user\'s config.toml'
complete -c kyso -n "__fish_kyso_using_subcommand profile; and __fish_seen_subcommand_from add" -l force -d 'Replace a profile of the same name'
complete -c kyso -n "__fish_kyso_using_subcommand profile; and __fish_seen_subcommand_from add" -l no-input -d 'Never ask: write what the flags say'
complete -c kyso -n "__fish_kyso_using_subcommand profile; and __fish_seen_subcommand_from add" -l pss -d 'RSASSA-PSS for RSA keys'
complete -c kyso -n "__fish_kyso_using_subcommand profile; and __fish_seen_subcommand_from add" -s q -l quiet -d 'Print only errors (JSON output, when asked for, is still printed)'
complete -c kyso -n "__fish_kyso_using_subcommand profile; and __fish_seen_subcommand_from add" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c kyso -n "__fish_kyso_using_subcommand profile; and __fish_seen_subcommand_from add" -s V -l version -d 'Print version'
complete -c kyso -n "__fish_kyso_using_subcommand profile; and __fish_seen_subcommand_from help" -f -a "list" -d 'List the signing profiles (the user\'s config.toml, then the project\'s kyso.toml)'
complete -c kyso -n "__fish_kyso_using_subcommand profile; and __fish_seen_subcommand_from help" -f -a "show" -d 'Show what a profile resolves to (PINs and passwords shown as where they come from)'
complete -c kyso -n "__fish_kyso_using_subcommand profile; and __fish_seen_subcommand_from help" -f -a "add" -d 'Create a profile: asks on a terminal (token, key, appearance, image), or takes flags'
complete -c kyso -n "__fish_kyso_using_subcommand profile; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c kyso -n "__fish_kyso_using_subcommand pki; and not __fish_seen_subcommand_from serve help" -l format -d 'Output format: text for people, or one JSON document (with a "schema" version) on stdout' -r -f -a "human\t'Text for people (in the chosen language)'
json\t'One JSON document on stdout, versioned by a "schema" field'
jsonl\t'JSON Lines: verification prints one file object per line, then a summary line'
junit\t'JUnit XML (verification: one testcase per file), for CI test reporters'
github\t'GitHub Actions workflow commands (verification: `::error file=…::` per problem)'"
complete -c kyso -n "__fish_kyso_using_subcommand pki; and not __fish_seen_subcommand_from serve help" -l lang -d 'Language of messages [default: from KYSO_LANG, then LANG; English otherwise]' -r -f -a "en\t'English'
vi\t'Tiếng Việt'"
complete -c kyso -n "__fish_kyso_using_subcommand pki; and not __fish_seen_subcommand_from serve help" -l color -d 'Colour output on a terminal (NO_COLOR turns "auto" off)' -r -f -a "auto\t'Colour when writing to a terminal and `NO_COLOR` is not set'
always\t''
never\t''"
complete -c kyso -n "__fish_kyso_using_subcommand pki; and not __fish_seen_subcommand_from serve help" -s q -l quiet -d 'Print only errors (JSON output, when asked for, is still printed)'
complete -c kyso -n "__fish_kyso_using_subcommand pki; and not __fish_seen_subcommand_from serve help" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c kyso -n "__fish_kyso_using_subcommand pki; and not __fish_seen_subcommand_from serve help" -s V -l version -d 'Print version'
complete -c kyso -n "__fish_kyso_using_subcommand pki; and not __fish_seen_subcommand_from serve help" -f -a "serve" -d 'Answer RFC 3161 time-stamp, RFC 6960 OCSP and CRL requests for a test PKI folder'
complete -c kyso -n "__fish_kyso_using_subcommand pki; and not __fish_seen_subcommand_from serve help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c kyso -n "__fish_kyso_using_subcommand pki; and __fish_seen_subcommand_from serve" -l listen -d 'Address to listen on (port 0: any free port)' -r
complete -c kyso -n "__fish_kyso_using_subcommand pki; and __fish_seen_subcommand_from serve" -l tsa -d 'The TSA to use when DIR has several (its file prefix)' -r
complete -c kyso -n "__fish_kyso_using_subcommand pki; and __fish_seen_subcommand_from serve" -l ocsp-validity -d 'Seconds from an OCSP response\'s thisUpdate to its nextUpdate' -r
complete -c kyso -n "__fish_kyso_using_subcommand pki; and __fish_seen_subcommand_from serve" -l crl-validity -d 'Seconds from a CRL\'s thisUpdate to its nextUpdate' -r
complete -c kyso -n "__fish_kyso_using_subcommand pki; and __fish_seen_subcommand_from serve" -l password-file -d 'Password of encrypted CA, TSA or responder keys, in a file; KYSO_CA_KEY_PASSWORD is used when not given' -r -F
complete -c kyso -n "__fish_kyso_using_subcommand pki; and __fish_seen_subcommand_from serve" -l workers -d 'Worker threads' -r
complete -c kyso -n "__fish_kyso_using_subcommand pki; and __fish_seen_subcommand_from serve" -l format -d 'Output format: text for people, or one JSON document (with a "schema" version) on stdout' -r -f -a "human\t'Text for people (in the chosen language)'
json\t'One JSON document on stdout, versioned by a "schema" field'
jsonl\t'JSON Lines: verification prints one file object per line, then a summary line'
junit\t'JUnit XML (verification: one testcase per file), for CI test reporters'
github\t'GitHub Actions workflow commands (verification: `::error file=…::` per problem)'"
complete -c kyso -n "__fish_kyso_using_subcommand pki; and __fish_seen_subcommand_from serve" -l lang -d 'Language of messages [default: from KYSO_LANG, then LANG; English otherwise]' -r -f -a "en\t'English'
vi\t'Tiếng Việt'"
complete -c kyso -n "__fish_kyso_using_subcommand pki; and __fish_seen_subcommand_from serve" -l color -d 'Colour output on a terminal (NO_COLOR turns "auto" off)' -r -f -a "auto\t'Colour when writing to a terminal and `NO_COLOR` is not set'
always\t''
never\t''"
complete -c kyso -n "__fish_kyso_using_subcommand pki; and __fish_seen_subcommand_from serve" -l allow-remote -d 'Allow a non-loopback address (the services sign whatever they are asked to)'
complete -c kyso -n "__fish_kyso_using_subcommand pki; and __fish_seen_subcommand_from serve" -s q -l quiet -d 'Print only errors (JSON output, when asked for, is still printed)'
complete -c kyso -n "__fish_kyso_using_subcommand pki; and __fish_seen_subcommand_from serve" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c kyso -n "__fish_kyso_using_subcommand pki; and __fish_seen_subcommand_from serve" -s V -l version -d 'Print version'
complete -c kyso -n "__fish_kyso_using_subcommand pki; and __fish_seen_subcommand_from help" -f -a "serve" -d 'Answer RFC 3161 time-stamp, RFC 6960 OCSP and CRL requests for a test PKI folder'
complete -c kyso -n "__fish_kyso_using_subcommand pki; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c kyso -n "__fish_kyso_using_subcommand edxml; and not __fish_seen_subcommand_from inspect extract help" -l format -d 'Output format: text for people, or one JSON document (with a "schema" version) on stdout' -r -f -a "human\t'Text for people (in the chosen language)'
json\t'One JSON document on stdout, versioned by a "schema" field'
jsonl\t'JSON Lines: verification prints one file object per line, then a summary line'
junit\t'JUnit XML (verification: one testcase per file), for CI test reporters'
github\t'GitHub Actions workflow commands (verification: `::error file=…::` per problem)'"
complete -c kyso -n "__fish_kyso_using_subcommand edxml; and not __fish_seen_subcommand_from inspect extract help" -l lang -d 'Language of messages [default: from KYSO_LANG, then LANG; English otherwise]' -r -f -a "en\t'English'
vi\t'Tiếng Việt'"
complete -c kyso -n "__fish_kyso_using_subcommand edxml; and not __fish_seen_subcommand_from inspect extract help" -l color -d 'Colour output on a terminal (NO_COLOR turns "auto" off)' -r -f -a "auto\t'Colour when writing to a terminal and `NO_COLOR` is not set'
always\t''
never\t''"
complete -c kyso -n "__fish_kyso_using_subcommand edxml; and not __fish_seen_subcommand_from inspect extract help" -s q -l quiet -d 'Print only errors (JSON output, when asked for, is still printed)'
complete -c kyso -n "__fish_kyso_using_subcommand edxml; and not __fish_seen_subcommand_from inspect extract help" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c kyso -n "__fish_kyso_using_subcommand edxml; and not __fish_seen_subcommand_from inspect extract help" -s V -l version -d 'Print version'
complete -c kyso -n "__fish_kyso_using_subcommand edxml; and not __fish_seen_subcommand_from inspect extract help" -f -a "inspect" -d 'Show a package\'s header, manifest and attachments (nothing is verified)'
complete -c kyso -n "__fish_kyso_using_subcommand edxml; and not __fish_seen_subcommand_from inspect extract help" -f -a "extract" -d 'Write a package\'s attachments into a folder'
complete -c kyso -n "__fish_kyso_using_subcommand edxml; and not __fish_seen_subcommand_from inspect extract help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c kyso -n "__fish_kyso_using_subcommand edxml; and __fish_seen_subcommand_from inspect" -l max-attachment-size -d 'Largest attachment, and largest file unpacked from a zip (K, M, G suffixes)' -r
complete -c kyso -n "__fish_kyso_using_subcommand edxml; and __fish_seen_subcommand_from inspect" -l max-package-size -d 'Most bytes decoded and unpacked from one package, nested packages included' -r
complete -c kyso -n "__fish_kyso_using_subcommand edxml; and __fish_seen_subcommand_from inspect" -l max-attachments -d 'Most attachments in a package, and most files in one zip' -r
complete -c kyso -n "__fish_kyso_using_subcommand edxml; and __fish_seen_subcommand_from inspect" -l max-zip-ratio -d 'Largest unpacked/packed size ratio of a zip entry over 1 MiB' -r
complete -c kyso -n "__fish_kyso_using_subcommand edxml; and __fish_seen_subcommand_from inspect" -l format -d 'Output format: text for people, or one JSON document (with a "schema" version) on stdout' -r -f -a "human\t'Text for people (in the chosen language)'
json\t'One JSON document on stdout, versioned by a "schema" field'
jsonl\t'JSON Lines: verification prints one file object per line, then a summary line'
junit\t'JUnit XML (verification: one testcase per file), for CI test reporters'
github\t'GitHub Actions workflow commands (verification: `::error file=…::` per problem)'"
complete -c kyso -n "__fish_kyso_using_subcommand edxml; and __fish_seen_subcommand_from inspect" -l lang -d 'Language of messages [default: from KYSO_LANG, then LANG; English otherwise]' -r -f -a "en\t'English'
vi\t'Tiếng Việt'"
complete -c kyso -n "__fish_kyso_using_subcommand edxml; and __fish_seen_subcommand_from inspect" -l color -d 'Colour output on a terminal (NO_COLOR turns "auto" off)' -r -f -a "auto\t'Colour when writing to a terminal and `NO_COLOR` is not set'
always\t''
never\t''"
complete -c kyso -n "__fish_kyso_using_subcommand edxml; and __fish_seen_subcommand_from inspect" -s q -l quiet -d 'Print only errors (JSON output, when asked for, is still printed)'
complete -c kyso -n "__fish_kyso_using_subcommand edxml; and __fish_seen_subcommand_from inspect" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c kyso -n "__fish_kyso_using_subcommand edxml; and __fish_seen_subcommand_from inspect" -s V -l version -d 'Print version'
complete -c kyso -n "__fish_kyso_using_subcommand edxml; and __fish_seen_subcommand_from extract" -s o -l output -d 'The folder to write the attachments into (created if missing)' -r -F
complete -c kyso -n "__fish_kyso_using_subcommand edxml; and __fish_seen_subcommand_from extract" -l max-attachment-size -d 'Largest attachment, and largest file unpacked from a zip (K, M, G suffixes)' -r
complete -c kyso -n "__fish_kyso_using_subcommand edxml; and __fish_seen_subcommand_from extract" -l max-package-size -d 'Most bytes decoded and unpacked from one package, nested packages included' -r
complete -c kyso -n "__fish_kyso_using_subcommand edxml; and __fish_seen_subcommand_from extract" -l max-attachments -d 'Most attachments in a package, and most files in one zip' -r
complete -c kyso -n "__fish_kyso_using_subcommand edxml; and __fish_seen_subcommand_from extract" -l max-zip-ratio -d 'Largest unpacked/packed size ratio of a zip entry over 1 MiB' -r
complete -c kyso -n "__fish_kyso_using_subcommand edxml; and __fish_seen_subcommand_from extract" -l format -d 'Output format: text for people, or one JSON document (with a "schema" version) on stdout' -r -f -a "human\t'Text for people (in the chosen language)'
json\t'One JSON document on stdout, versioned by a "schema" field'
jsonl\t'JSON Lines: verification prints one file object per line, then a summary line'
junit\t'JUnit XML (verification: one testcase per file), for CI test reporters'
github\t'GitHub Actions workflow commands (verification: `::error file=…::` per problem)'"
complete -c kyso -n "__fish_kyso_using_subcommand edxml; and __fish_seen_subcommand_from extract" -l lang -d 'Language of messages [default: from KYSO_LANG, then LANG; English otherwise]' -r -f -a "en\t'English'
vi\t'Tiếng Việt'"
complete -c kyso -n "__fish_kyso_using_subcommand edxml; and __fish_seen_subcommand_from extract" -l color -d 'Colour output on a terminal (NO_COLOR turns "auto" off)' -r -f -a "auto\t'Colour when writing to a terminal and `NO_COLOR` is not set'
always\t''
never\t''"
complete -c kyso -n "__fish_kyso_using_subcommand edxml; and __fish_seen_subcommand_from extract" -l force -d 'Replace existing files'
complete -c kyso -n "__fish_kyso_using_subcommand edxml; and __fish_seen_subcommand_from extract" -s q -l quiet -d 'Print only errors (JSON output, when asked for, is still printed)'
complete -c kyso -n "__fish_kyso_using_subcommand edxml; and __fish_seen_subcommand_from extract" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c kyso -n "__fish_kyso_using_subcommand edxml; and __fish_seen_subcommand_from extract" -s V -l version -d 'Print version'
complete -c kyso -n "__fish_kyso_using_subcommand edxml; and __fish_seen_subcommand_from help" -f -a "inspect" -d 'Show a package\'s header, manifest and attachments (nothing is verified)'
complete -c kyso -n "__fish_kyso_using_subcommand edxml; and __fish_seen_subcommand_from help" -f -a "extract" -d 'Write a package\'s attachments into a folder'
complete -c kyso -n "__fish_kyso_using_subcommand edxml; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c kyso -n "__fish_kyso_using_subcommand demo" -l format -d 'Output format: text for people, or one JSON document (with a "schema" version) on stdout' -r -f -a "human\t'Text for people (in the chosen language)'
json\t'One JSON document on stdout, versioned by a "schema" field'
jsonl\t'JSON Lines: verification prints one file object per line, then a summary line'
junit\t'JUnit XML (verification: one testcase per file), for CI test reporters'
github\t'GitHub Actions workflow commands (verification: `::error file=…::` per problem)'"
complete -c kyso -n "__fish_kyso_using_subcommand demo" -l lang -d 'Language of messages [default: from KYSO_LANG, then LANG; English otherwise]' -r -f -a "en\t'English'
vi\t'Tiếng Việt'"
complete -c kyso -n "__fish_kyso_using_subcommand demo" -l color -d 'Colour output on a terminal (NO_COLOR turns "auto" off)' -r -f -a "auto\t'Colour when writing to a terminal and `NO_COLOR` is not set'
always\t''
never\t''"
complete -c kyso -n "__fish_kyso_using_subcommand demo" -s q -l quiet -d 'Print only errors (JSON output, when asked for, is still printed)'
complete -c kyso -n "__fish_kyso_using_subcommand demo" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c kyso -n "__fish_kyso_using_subcommand demo" -s V -l version -d 'Print version'
complete -c kyso -n "__fish_kyso_using_subcommand completions" -l format -d 'Output format: text for people, or one JSON document (with a "schema" version) on stdout' -r -f -a "human\t'Text for people (in the chosen language)'
json\t'One JSON document on stdout, versioned by a "schema" field'
jsonl\t'JSON Lines: verification prints one file object per line, then a summary line'
junit\t'JUnit XML (verification: one testcase per file), for CI test reporters'
github\t'GitHub Actions workflow commands (verification: `::error file=…::` per problem)'"
complete -c kyso -n "__fish_kyso_using_subcommand completions" -l lang -d 'Language of messages [default: from KYSO_LANG, then LANG; English otherwise]' -r -f -a "en\t'English'
vi\t'Tiếng Việt'"
complete -c kyso -n "__fish_kyso_using_subcommand completions" -l color -d 'Colour output on a terminal (NO_COLOR turns "auto" off)' -r -f -a "auto\t'Colour when writing to a terminal and `NO_COLOR` is not set'
always\t''
never\t''"
complete -c kyso -n "__fish_kyso_using_subcommand completions" -s q -l quiet -d 'Print only errors (JSON output, when asked for, is still printed)'
complete -c kyso -n "__fish_kyso_using_subcommand completions" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c kyso -n "__fish_kyso_using_subcommand completions" -s V -l version -d 'Print version'
complete -c kyso -n "__fish_kyso_using_subcommand manpage" -l format -d 'Output format: text for people, or one JSON document (with a "schema" version) on stdout' -r -f -a "human\t'Text for people (in the chosen language)'
json\t'One JSON document on stdout, versioned by a "schema" field'
jsonl\t'JSON Lines: verification prints one file object per line, then a summary line'
junit\t'JUnit XML (verification: one testcase per file), for CI test reporters'
github\t'GitHub Actions workflow commands (verification: `::error file=…::` per problem)'"
complete -c kyso -n "__fish_kyso_using_subcommand manpage" -l lang -d 'Language of messages [default: from KYSO_LANG, then LANG; English otherwise]' -r -f -a "en\t'English'
vi\t'Tiếng Việt'"
complete -c kyso -n "__fish_kyso_using_subcommand manpage" -l color -d 'Colour output on a terminal (NO_COLOR turns "auto" off)' -r -f -a "auto\t'Colour when writing to a terminal and `NO_COLOR` is not set'
always\t''
never\t''"
complete -c kyso -n "__fish_kyso_using_subcommand manpage" -s q -l quiet -d 'Print only errors (JSON output, when asked for, is still printed)'
complete -c kyso -n "__fish_kyso_using_subcommand manpage" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c kyso -n "__fish_kyso_using_subcommand manpage" -s V -l version -d 'Print version'
complete -c kyso -n "__fish_kyso_using_subcommand help; and not __fish_seen_subcommand_from cert sign verify timestamp extend batch trust token profile pki edxml demo completions manpage help" -f -a "cert" -d 'Create and inspect certificates (test PKIs)'
complete -c kyso -n "__fish_kyso_using_subcommand help; and not __fish_seen_subcommand_from cert sign verify timestamp extend batch trust token profile pki edxml demo completions manpage help" -f -a "sign" -d 'Sign a document (detached CMS .p7s for any file)'
complete -c kyso -n "__fish_kyso_using_subcommand help; and not __fish_seen_subcommand_from cert sign verify timestamp extend batch trust token profile pki edxml demo completions manpage help" -f -a "verify" -d 'Verify signatures and certificate chains'
complete -c kyso -n "__fish_kyso_using_subcommand help; and not __fish_seen_subcommand_from cert sign verify timestamp extend batch trust token profile pki edxml demo completions manpage help" -f -a "timestamp" -d 'Add a document time-stamp to a PDF (PAdES, /ETSI.RFC3161)'
complete -c kyso -n "__fish_kyso_using_subcommand help; and not __fish_seen_subcommand_from cert sign verify timestamp extend batch trust token profile pki edxml demo completions manpage help" -f -a "extend" -d 'Raise signatures to B-LT or B-LTA (PDF; CMS .p7s/.p7m and XAdES: B-LT)'
complete -c kyso -n "__fish_kyso_using_subcommand help; and not __fish_seen_subcommand_from cert sign verify timestamp extend batch trust token profile pki edxml demo completions manpage help" -f -a "batch" -d 'Sign or verify whole folders, in parallel'
complete -c kyso -n "__fish_kyso_using_subcommand help; and not __fish_seen_subcommand_from cert sign verify timestamp extend batch trust token profile pki edxml demo completions manpage help" -f -a "trust" -d 'Named trust stores (`--trust @NAME`, `--certs @NAME`; built-in: @vn): add, list, show, remove'
complete -c kyso -n "__fish_kyso_using_subcommand help; and not __fish_seen_subcommand_from cert sign verify timestamp extend batch trust token profile pki edxml demo completions manpage help" -f -a "token" -d 'PKCS#11 hardware tokens'
complete -c kyso -n "__fish_kyso_using_subcommand help; and not __fish_seen_subcommand_from cert sign verify timestamp extend batch trust token profile pki edxml demo completions manpage help" -f -a "profile" -d 'Named signing profiles (`kyso sign FILE --as NAME`): list, show, add'
complete -c kyso -n "__fish_kyso_using_subcommand help; and not __fish_seen_subcommand_from cert sign verify timestamp extend batch trust token profile pki edxml demo completions manpage help" -f -a "pki" -d 'Test-PKI services: RFC 3161 time-stamps, OCSP and CRLs over HTTP'
complete -c kyso -n "__fish_kyso_using_subcommand help; and not __fish_seen_subcommand_from cert sign verify timestamp extend batch trust token profile pki edxml demo completions manpage help" -f -a "edxml" -d 'edXML packages from the document exchange axis: inspect, extract'
complete -c kyso -n "__fish_kyso_using_subcommand help; and not __fish_seen_subcommand_from cert sign verify timestamp extend batch trust token profile pki edxml demo completions manpage help" -f -a "demo" -d 'Run the main job on an embedded sample: make a test PKI, then sign and verify'
complete -c kyso -n "__fish_kyso_using_subcommand help; and not __fish_seen_subcommand_from cert sign verify timestamp extend batch trust token profile pki edxml demo completions manpage help" -f -a "completions" -d 'Print a shell completion script'
complete -c kyso -n "__fish_kyso_using_subcommand help; and not __fish_seen_subcommand_from cert sign verify timestamp extend batch trust token profile pki edxml demo completions manpage help" -f -a "manpage" -d 'Print the man page (roff)'
complete -c kyso -n "__fish_kyso_using_subcommand help; and not __fish_seen_subcommand_from cert sign verify timestamp extend batch trust token profile pki edxml demo completions manpage help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c kyso -n "__fish_kyso_using_subcommand help; and __fish_seen_subcommand_from cert" -f -a "ca" -d 'Create a self-signed root CA: PREFIX.crt, PREFIX.key, PREFIX.chain.pem'
complete -c kyso -n "__fish_kyso_using_subcommand help; and __fish_seen_subcommand_from cert" -f -a "issue" -d 'Issue a certificate signed by a CA (intermediate, person, organization, tsa, ocsp)'
complete -c kyso -n "__fish_kyso_using_subcommand help; and __fish_seen_subcommand_from cert" -f -a "inspect" -d 'Show what a certificate or chain says (PEM or DER); does not verify it'
complete -c kyso -n "__fish_kyso_using_subcommand help; and __fish_seen_subcommand_from cert" -f -a "verify" -d 'Validate certificates: path to a trust anchor, constraints, revocation (RFC 5280)'
complete -c kyso -n "__fish_kyso_using_subcommand help; and __fish_seen_subcommand_from cert" -f -a "revoke" -d 'Revoke a certificate issued by a CA made by kyso (recorded in PREFIX.index.txt)'
complete -c kyso -n "__fish_kyso_using_subcommand help; and __fish_seen_subcommand_from cert" -f -a "crl" -d 'Write a CRL for a CA made by kyso, from its database'
complete -c kyso -n "__fish_kyso_using_subcommand help; and __fish_seen_subcommand_from batch" -f -a "sign" -d 'Sign every PDF and XML document of a folder tree into a mirrored output tree'
complete -c kyso -n "__fish_kyso_using_subcommand help; and __fish_seen_subcommand_from batch" -f -a "verify" -d 'Verify every file of one or more folder trees'
complete -c kyso -n "__fish_kyso_using_subcommand help; and __fish_seen_subcommand_from trust" -f -a "add" -d 'Add CA certificates (PEM or DER, several per file, or a .p7b bundle) to a store, creating it'
complete -c kyso -n "__fish_kyso_using_subcommand help; and __fish_seen_subcommand_from trust" -f -a "list" -d 'List the trust stores: the built-in ones and the user\'s'
complete -c kyso -n "__fish_kyso_using_subcommand help; and __fish_seen_subcommand_from trust" -f -a "show" -d 'Show each certificate of a store: subject, issuer, validity, SHA-256'
complete -c kyso -n "__fish_kyso_using_subcommand help; and __fish_seen_subcommand_from trust" -f -a "remove" -d 'Remove a user store and its certificates'
complete -c kyso -n "__fish_kyso_using_subcommand help; and __fish_seen_subcommand_from token" -f -a "list" -d 'List slots, tokens, and the keys and certificates on them'
complete -c kyso -n "__fish_kyso_using_subcommand help; and __fish_seen_subcommand_from profile" -f -a "list" -d 'List the signing profiles (the user\'s config.toml, then the project\'s kyso.toml)'
complete -c kyso -n "__fish_kyso_using_subcommand help; and __fish_seen_subcommand_from profile" -f -a "show" -d 'Show what a profile resolves to (PINs and passwords shown as where they come from)'
complete -c kyso -n "__fish_kyso_using_subcommand help; and __fish_seen_subcommand_from profile" -f -a "add" -d 'Create a profile: asks on a terminal (token, key, appearance, image), or takes flags'
complete -c kyso -n "__fish_kyso_using_subcommand help; and __fish_seen_subcommand_from pki" -f -a "serve" -d 'Answer RFC 3161 time-stamp, RFC 6960 OCSP and CRL requests for a test PKI folder'
complete -c kyso -n "__fish_kyso_using_subcommand help; and __fish_seen_subcommand_from edxml" -f -a "inspect" -d 'Show a package\'s header, manifest and attachments (nothing is verified)'
complete -c kyso -n "__fish_kyso_using_subcommand help; and __fish_seen_subcommand_from edxml" -f -a "extract" -d 'Write a package\'s attachments into a folder'
