
using namespace System.Management.Automation
using namespace System.Management.Automation.Language

Register-ArgumentCompleter -Native -CommandName 'kyso' -ScriptBlock {
    param($wordToComplete, $commandAst, $cursorPosition)

    $commandElements = $commandAst.CommandElements
    $command = @(
        'kyso'
        for ($i = 1; $i -lt $commandElements.Count; $i++) {
            $element = $commandElements[$i]
            if ($element -isnot [StringConstantExpressionAst] -or
                $element.StringConstantType -ne [StringConstantType]::BareWord -or
                $element.Value.StartsWith('-') -or
                $element.Value -eq $wordToComplete) {
                break
        }
        $element.Value
    }) -join ';'

    $completions = @(switch ($command) {
        'kyso' {
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format: text for people, or one JSON document (with a "schema" version) on stdout')
            [CompletionResult]::new('--lang', '--lang', [CompletionResultType]::ParameterName, 'Language of messages [default: from KYSO_LANG, then LANG; English otherwise]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'Colour output on a terminal (NO_COLOR turns "auto" off)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only errors (JSON output, when asked for, is still printed)')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only errors (JSON output, when asked for, is still printed)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('cert', 'cert', [CompletionResultType]::ParameterValue, 'Create and inspect certificates (test PKIs)')
            [CompletionResult]::new('sign', 'sign', [CompletionResultType]::ParameterValue, 'Sign a document (detached CMS .p7s for any file)')
            [CompletionResult]::new('verify', 'verify', [CompletionResultType]::ParameterValue, 'Verify signatures and certificate chains')
            [CompletionResult]::new('timestamp', 'timestamp', [CompletionResultType]::ParameterValue, 'Add a document time-stamp to a PDF (PAdES, /ETSI.RFC3161)')
            [CompletionResult]::new('extend', 'extend', [CompletionResultType]::ParameterValue, 'Raise signatures to B-LT or B-LTA (PDF; CMS .p7s/.p7m and XAdES: B-LT)')
            [CompletionResult]::new('batch', 'batch', [CompletionResultType]::ParameterValue, 'Sign or verify whole folders, in parallel')
            [CompletionResult]::new('trust', 'trust', [CompletionResultType]::ParameterValue, 'Named trust stores (`--trust @NAME`, `--certs @NAME`; built-in: @vn): add, list, show, remove')
            [CompletionResult]::new('token', 'token', [CompletionResultType]::ParameterValue, 'PKCS#11 hardware tokens')
            [CompletionResult]::new('profile', 'profile', [CompletionResultType]::ParameterValue, 'Named signing profiles (`kyso sign FILE --as NAME`): list, show, add')
            [CompletionResult]::new('pki', 'pki', [CompletionResultType]::ParameterValue, 'Test-PKI services: RFC 3161 time-stamps, OCSP and CRLs over HTTP')
            [CompletionResult]::new('edxml', 'edxml', [CompletionResultType]::ParameterValue, 'edXML packages from the document exchange axis: inspect, extract')
            [CompletionResult]::new('demo', 'demo', [CompletionResultType]::ParameterValue, 'Run the main job on an embedded sample: make a test PKI, then sign and verify')
            [CompletionResult]::new('completions', 'completions', [CompletionResultType]::ParameterValue, 'Print a shell completion script')
            [CompletionResult]::new('manpage', 'manpage', [CompletionResultType]::ParameterValue, 'Print the man page (roff)')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'kyso;cert' {
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format: text for people, or one JSON document (with a "schema" version) on stdout')
            [CompletionResult]::new('--lang', '--lang', [CompletionResultType]::ParameterName, 'Language of messages [default: from KYSO_LANG, then LANG; English otherwise]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'Colour output on a terminal (NO_COLOR turns "auto" off)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only errors (JSON output, when asked for, is still printed)')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only errors (JSON output, when asked for, is still printed)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('ca', 'ca', [CompletionResultType]::ParameterValue, 'Create a self-signed root CA: PREFIX.crt, PREFIX.key, PREFIX.chain.pem')
            [CompletionResult]::new('issue', 'issue', [CompletionResultType]::ParameterValue, 'Issue a certificate signed by a CA (intermediate, person, organization, tsa, ocsp)')
            [CompletionResult]::new('inspect', 'inspect', [CompletionResultType]::ParameterValue, 'Show what a certificate or chain says (PEM or DER); does not verify it')
            [CompletionResult]::new('verify', 'verify', [CompletionResultType]::ParameterValue, 'Validate certificates: path to a trust anchor, constraints, revocation (RFC 5280)')
            [CompletionResult]::new('revoke', 'revoke', [CompletionResultType]::ParameterValue, 'Revoke a certificate issued by a CA made by kyso (recorded in PREFIX.index.txt)')
            [CompletionResult]::new('crl', 'crl', [CompletionResultType]::ParameterValue, 'Write a CRL for a CA made by kyso, from its database')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'kyso;cert;ca' {
            [CompletionResult]::new('--subject', '--subject', [CompletionResultType]::ParameterName, 'Subject distinguished name, RFC 4514 style, UTF-8 (e.g. "CN=Nguyễn Văn A,O=UBND tỉnh Thái Nguyên,L=Thái Nguyên,C=VN")')
            [CompletionResult]::new('--out', '--out', [CompletionResultType]::ParameterName, 'Write PREFIX.crt, PREFIX.key and PREFIX.chain.pem')
            [CompletionResult]::new('--key-type', '--key-type', [CompletionResultType]::ParameterName, 'Type of the new key')
            [CompletionResult]::new('--days', '--days', [CompletionResultType]::ParameterName, 'Days of validity from --not-before')
            [CompletionResult]::new('--not-before', '--not-before', [CompletionResultType]::ParameterName, 'Start of validity, RFC 3339 or YYYY-MM-DD [default: now]')
            [CompletionResult]::new('--password-file', '--password-file', [CompletionResultType]::ParameterName, 'Encrypt the new key with the password in this file (first line); KYSO_KEY_PASSWORD is used when this is not given')
            [CompletionResult]::new('--p12', '--p12', [CompletionResultType]::ParameterName, 'Also write a PKCS#12 bundle (key + chain) protected by the key password')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format: text for people, or one JSON document (with a "schema" version) on stdout')
            [CompletionResult]::new('--lang', '--lang', [CompletionResultType]::ParameterName, 'Language of messages [default: from KYSO_LANG, then LANG; English otherwise]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'Colour output on a terminal (NO_COLOR turns "auto" off)')
            [CompletionResult]::new('--force', '--force', [CompletionResultType]::ParameterName, 'Overwrite existing output files')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only errors (JSON output, when asked for, is still printed)')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only errors (JSON output, when asked for, is still printed)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'kyso;cert;issue' {
            [CompletionResult]::new('--ca', '--ca', [CompletionResultType]::ParameterName, 'The issuing CA made by kyso: PREFIX.crt, PREFIX.key (and PREFIX.chain.pem)')
            [CompletionResult]::new('--ca-cert', '--ca-cert', [CompletionResultType]::ParameterName, 'The issuing CA''s certificate (PEM or DER; may hold its chain, CA first)')
            [CompletionResult]::new('--ca-key', '--ca-key', [CompletionResultType]::ParameterName, 'The issuing CA''s private key')
            [CompletionResult]::new('--ca-password-file', '--ca-password-file', [CompletionResultType]::ParameterName, 'Password of the CA key, in a file; KYSO_CA_KEY_PASSWORD is used when not given')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'What the certificate is for')
            [CompletionResult]::new('--email', '--email', [CompletionResultType]::ParameterName, 'E-mail address for the subjectAltName (repeatable)')
            [CompletionResult]::new('--ocsp-url', '--ocsp-url', [CompletionResultType]::ParameterName, 'OCSP responder URL for authorityInfoAccess (repeatable; http://)')
            [CompletionResult]::new('--crl-url', '--crl-url', [CompletionResultType]::ParameterName, 'CRL distribution point URL (repeatable; http://)')
            [CompletionResult]::new('--ca-issuers-url', '--ca-issuers-url', [CompletionResultType]::ParameterName, 'URL of the issuer''s certificate for authorityInfoAccess caIssuers (repeatable; http://)')
            [CompletionResult]::new('--subject', '--subject', [CompletionResultType]::ParameterName, 'Subject distinguished name, RFC 4514 style, UTF-8 (e.g. "CN=Nguyễn Văn A,O=UBND tỉnh Thái Nguyên,L=Thái Nguyên,C=VN")')
            [CompletionResult]::new('--out', '--out', [CompletionResultType]::ParameterName, 'Write PREFIX.crt, PREFIX.key and PREFIX.chain.pem')
            [CompletionResult]::new('--key-type', '--key-type', [CompletionResultType]::ParameterName, 'Type of the new key')
            [CompletionResult]::new('--days', '--days', [CompletionResultType]::ParameterName, 'Days of validity from --not-before')
            [CompletionResult]::new('--not-before', '--not-before', [CompletionResultType]::ParameterName, 'Start of validity, RFC 3339 or YYYY-MM-DD [default: now]')
            [CompletionResult]::new('--password-file', '--password-file', [CompletionResultType]::ParameterName, 'Encrypt the new key with the password in this file (first line); KYSO_KEY_PASSWORD is used when this is not given')
            [CompletionResult]::new('--p12', '--p12', [CompletionResultType]::ParameterName, 'Also write a PKCS#12 bundle (key + chain) protected by the key password')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format: text for people, or one JSON document (with a "schema" version) on stdout')
            [CompletionResult]::new('--lang', '--lang', [CompletionResultType]::ParameterName, 'Language of messages [default: from KYSO_LANG, then LANG; English otherwise]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'Colour output on a terminal (NO_COLOR turns "auto" off)')
            [CompletionResult]::new('--force', '--force', [CompletionResultType]::ParameterName, 'Overwrite existing output files')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only errors (JSON output, when asked for, is still printed)')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only errors (JSON output, when asked for, is still printed)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'kyso;cert;inspect' {
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format: text for people, or one JSON document (with a "schema" version) on stdout')
            [CompletionResult]::new('--lang', '--lang', [CompletionResultType]::ParameterName, 'Language of messages [default: from KYSO_LANG, then LANG; English otherwise]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'Colour output on a terminal (NO_COLOR turns "auto" off)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only errors (JSON output, when asked for, is still printed)')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only errors (JSON output, when asked for, is still printed)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'kyso;cert;verify' {
            [CompletionResult]::new('--trust', '--trust', [CompletionResultType]::ParameterName, 'Trust anchors: a PEM/DER certificate file, a folder of them, or a trust store @NAME (repeatable)')
            [CompletionResult]::new('--certs', '--certs', [CompletionResultType]::ParameterName, 'Untrusted intermediate certificates to help build chains: a file, a folder or a trust store @NAME (repeatable)')
            [CompletionResult]::new('--crl', '--crl', [CompletionResultType]::ParameterName, 'CRLs (PEM or DER, repeatable)')
            [CompletionResult]::new('--at', '--at', [CompletionResultType]::ParameterName, 'Validation time, RFC 3339 or YYYY-MM-DD [default: now]')
            [CompletionResult]::new('--purpose', '--purpose', [CompletionResultType]::ParameterName, 'What the certificate must be good for')
            [CompletionResult]::new('--policy', '--policy', [CompletionResultType]::ParameterName, 'An acceptable certificate policy OID (repeatable) [default: any policy]')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format: text for people, or one JSON document (with a "schema" version) on stdout')
            [CompletionResult]::new('--lang', '--lang', [CompletionResultType]::ParameterName, 'Language of messages [default: from KYSO_LANG, then LANG; English otherwise]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'Colour output on a terminal (NO_COLOR turns "auto" off)')
            [CompletionResult]::new('--require-revocation', '--require-revocation', [CompletionResultType]::ParameterName, 'Without a usable CRL for every certificate below the anchor the result is indeterminate (TRY_LATER) [default: an unknown status is reported only]')
            [CompletionResult]::new('--explicit-policy', '--explicit-policy', [CompletionResultType]::ParameterName, 'The path must be valid for at least one (acceptable) certificate policy')
            [CompletionResult]::new('--inhibit-policy-mapping', '--inhibit-policy-mapping', [CompletionResultType]::ParameterName, 'Policy mappings are not allowed')
            [CompletionResult]::new('--inhibit-any-policy', '--inhibit-any-policy', [CompletionResultType]::ParameterName, 'anyPolicy in certificates is not taken as matching every policy')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only errors (JSON output, when asked for, is still printed)')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only errors (JSON output, when asked for, is still printed)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'kyso;cert;revoke' {
            [CompletionResult]::new('--ca', '--ca', [CompletionResultType]::ParameterName, 'The CA made by kyso that issued the certificate (PREFIX.crt, PREFIX.index.txt)')
            [CompletionResult]::new('--serial', '--serial', [CompletionResultType]::ParameterName, 'Serial number (hex) of a certificate in the CA''s database, instead of CERT')
            [CompletionResult]::new('--reason', '--reason', [CompletionResultType]::ParameterName, 'Why (RFC 5280 CRLReason)')
            [CompletionResult]::new('--time', '--time', [CompletionResultType]::ParameterName, 'Revocation time, RFC 3339 or YYYY-MM-DD, not in the future [default: now]')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format: text for people, or one JSON document (with a "schema" version) on stdout')
            [CompletionResult]::new('--lang', '--lang', [CompletionResultType]::ParameterName, 'Language of messages [default: from KYSO_LANG, then LANG; English otherwise]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'Colour output on a terminal (NO_COLOR turns "auto" off)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only errors (JSON output, when asked for, is still printed)')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only errors (JSON output, when asked for, is still printed)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'kyso;cert;crl' {
            [CompletionResult]::new('--ca', '--ca', [CompletionResultType]::ParameterName, 'The CA made by kyso (PREFIX.crt, PREFIX.key, PREFIX.index.txt)')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output file [default: PREFIX.crl]')
            [CompletionResult]::new('--out', '--out', [CompletionResultType]::ParameterName, 'Output file [default: PREFIX.crl]')
            [CompletionResult]::new('--days', '--days', [CompletionResultType]::ParameterName, 'Days until nextUpdate')
            [CompletionResult]::new('--ca-password-file', '--ca-password-file', [CompletionResultType]::ParameterName, 'Password of the CA key, in a file; KYSO_CA_KEY_PASSWORD is used when not given')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format: text for people, or one JSON document (with a "schema" version) on stdout')
            [CompletionResult]::new('--lang', '--lang', [CompletionResultType]::ParameterName, 'Language of messages [default: from KYSO_LANG, then LANG; English otherwise]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'Colour output on a terminal (NO_COLOR turns "auto" off)')
            [CompletionResult]::new('--pem', '--pem', [CompletionResultType]::ParameterName, 'Write PEM (`X509 CRL`) instead of DER')
            [CompletionResult]::new('--force', '--force', [CompletionResultType]::ParameterName, 'Overwrite an existing --out file')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only errors (JSON output, when asked for, is still printed)')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only errors (JSON output, when asked for, is still printed)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'kyso;cert;help' {
            [CompletionResult]::new('ca', 'ca', [CompletionResultType]::ParameterValue, 'Create a self-signed root CA: PREFIX.crt, PREFIX.key, PREFIX.chain.pem')
            [CompletionResult]::new('issue', 'issue', [CompletionResultType]::ParameterValue, 'Issue a certificate signed by a CA (intermediate, person, organization, tsa, ocsp)')
            [CompletionResult]::new('inspect', 'inspect', [CompletionResultType]::ParameterValue, 'Show what a certificate or chain says (PEM or DER); does not verify it')
            [CompletionResult]::new('verify', 'verify', [CompletionResultType]::ParameterValue, 'Validate certificates: path to a trust anchor, constraints, revocation (RFC 5280)')
            [CompletionResult]::new('revoke', 'revoke', [CompletionResultType]::ParameterValue, 'Revoke a certificate issued by a CA made by kyso (recorded in PREFIX.index.txt)')
            [CompletionResult]::new('crl', 'crl', [CompletionResultType]::ParameterValue, 'Write a CRL for a CA made by kyso, from its database')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'kyso;cert;help;ca' {
            break
        }
        'kyso;cert;help;issue' {
            break
        }
        'kyso;cert;help;inspect' {
            break
        }
        'kyso;cert;help;verify' {
            break
        }
        'kyso;cert;help;revoke' {
            break
        }
        'kyso;cert;help;crl' {
            break
        }
        'kyso;cert;help;help' {
            break
        }
        'kyso;sign' {
            [CompletionResult]::new('--as', '--as', [CompletionResultType]::ParameterName, 'Sign as this profile from config.toml or kyso.toml (`kyso profile list`); flags given here override its values')
            [CompletionResult]::new('--key', '--key', [CompletionResultType]::ParameterName, 'Private key file (PEM or DER: PKCS#8, encrypted PKCS#8, PKCS#1 or SEC1); needs --cert')
            [CompletionResult]::new('--p12', '--p12', [CompletionResultType]::ParameterName, 'PKCS#12 file (.p12/.pfx) with the key and its certificate chain')
            [CompletionResult]::new('--pkcs11', '--pkcs11', [CompletionResultType]::ParameterName, 'PKCS#11 module of a USB token (e.g. /usr/lib/softhsm/libsofthsm2.so); see `kyso token list`')
            [CompletionResult]::new('--token', '--token', [CompletionResultType]::ParameterName, 'Token label (with --pkcs11)')
            [CompletionResult]::new('--slot', '--slot', [CompletionResultType]::ParameterName, 'Slot number (with --pkcs11)')
            [CompletionResult]::new('--key-label', '--key-label', [CompletionResultType]::ParameterName, 'Key label on the token (with --pkcs11)')
            [CompletionResult]::new('--key-id', '--key-id', [CompletionResultType]::ParameterName, 'Key id on the token, hex (with --pkcs11)')
            [CompletionResult]::new('--pin-file', '--pin-file', [CompletionResultType]::ParameterName, 'Token PIN in a file (first line); KYSO_PIN is used when not given, then a prompt on a terminal')
            [CompletionResult]::new('--cert', '--cert', [CompletionResultType]::ParameterName, 'The signer''s certificate (PEM or DER; may also hold the chain, signer first). Optional with --p12, or with --pkcs11 when the token holds the certificate')
            [CompletionResult]::new('--chain', '--chain', [CompletionResultType]::ParameterName, 'Issuer certificates to embed (repeatable)')
            [CompletionResult]::new('--password-file', '--password-file', [CompletionResultType]::ParameterName, 'Password of the key or .p12, in a file (first line); KYSO_KEY_PASSWORD is used when not given, then a prompt on a terminal')
            [CompletionResult]::new('--digest', '--digest', [CompletionResultType]::ParameterName, 'Digest algorithm')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output file [default: FILE.p7s for a detached signature, NAME.signed.pdf for a PDF]')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output file [default: FILE.p7s for a detached signature, NAME.signed.pdf for a PDF]')
            [CompletionResult]::new('--reason', '--reason', [CompletionResultType]::ParameterName, 'Reason for signing (/Reason), e.g. "Phê duyệt"')
            [CompletionResult]::new('--location', '--location', [CompletionResultType]::ParameterName, 'Where the signature was made (/Location), e.g. "Thái Nguyên"')
            [CompletionResult]::new('--contact', '--contact', [CompletionResultType]::ParameterName, 'How to reach the signer (/ContactInfo)')
            [CompletionResult]::new('--field', '--field', [CompletionResultType]::ParameterName, 'Sign this existing empty signature field instead of adding a new one')
            [CompletionResult]::new('--field-name', '--field-name', [CompletionResultType]::ParameterName, 'Name of the new signature field [default: Signature{N}]')
            [CompletionResult]::new('--subfilter', '--subfilter', [CompletionResultType]::ParameterName, 'Signature format in the PDF')
            [CompletionResult]::new('--certify', '--certify', [CompletionResultType]::ParameterName, 'Make a certification (author) signature with these DocMDP permissions')
            [CompletionResult]::new('--appearance', '--appearance', [CompletionResultType]::ParameterName, 'Visible signature as Decree 30/2020/NĐ-CP prescribes: approve (the leader''s signature image), issue (the seal with the document number and date), attachment or copy (text at the top right of the first page)')
            [CompletionResult]::new('--page', '--page', [CompletionResultType]::ParameterName, 'Page of the visible signature (1-based)')
            [CompletionResult]::new('--rect', '--rect', [CompletionResultType]::ParameterName, 'Box of the visible signature in PDF points: x1,y1,x2,y2')
            [CompletionResult]::new('--anchor', '--anchor', [CompletionResultType]::ParameterName, 'Place the visible signature relative to this text on the page (e.g. the signer''s name)')
            [CompletionResult]::new('--image', '--image', [CompletionResultType]::ParameterName, 'Image for the appearance: the signature (approve) or the seal (issue); PNG or JPEG')
            [CompletionResult]::new('--doc-number', '--doc-number', [CompletionResultType]::ParameterName, 'Document number and symbol (số, ký hiệu), e.g. "123/UBND-VP"')
            [CompletionResult]::new('--copy-type', '--copy-type', [CompletionResultType]::ParameterName, 'Copy type for --appearance copy: "SAO Y", "SAO LỤC", "TRÍCH SAO"')
            [CompletionResult]::new('--agency', '--agency', [CompletionResultType]::ParameterName, 'Agency name shown by the attachment and copy appearances')
            [CompletionResult]::new('--font', '--font', [CompletionResultType]::ParameterName, 'TrueType font for appearance text [default: Liberation Serif, metric-compatible with Times New Roman]')
            [CompletionResult]::new('--pdf-password-file', '--pdf-password-file', [CompletionResultType]::ParameterName, 'Password of an encrypted PDF (user or owner), in a file (first line); KYSO_PDF_PASSWORD is used when not given')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Signature layout')
            [CompletionResult]::new('--c14n', '--c14n', [CompletionResultType]::ParameterName, 'Canonicalization for SignedInfo and the references (the e-invoice profile uses c14n)')
            [CompletionResult]::new('--ref-id', '--ref-id', [CompletionResultType]::ParameterName, 'Sign the element with this ID instead of the whole document')
            [CompletionResult]::new('--id-attr', '--id-attr', [CompletionResultType]::ParameterName, 'Attribute names that carry IDs (repeatable) [default: Id, ID, id]')
            [CompletionResult]::new('--into', '--into', [CompletionResultType]::ParameterName, 'Put the Signature inside this element (a path of element names, e.g. /HDon/DSCKS/NBan)')
            [CompletionResult]::new('--level', '--level', [CompletionResultType]::ParameterName, 'Signature level [default: t with --tsa, else b]; lta is for PDF documents')
            [CompletionResult]::new('--tsa', '--tsa', [CompletionResultType]::ParameterName, 'RFC 3161 time-stamp service (http://...), e.g. the one `kyso pki serve` runs at /tsa')
            [CompletionResult]::new('--tsa-cert', '--tsa-cert', [CompletionResultType]::ParameterName, 'The TSA''s certificate (PEM or DER): tokens must be signed by it')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Seconds to wait for each network call (TSA, OCSP, CRL, caIssuers)')
            [CompletionResult]::new('--crl', '--crl', [CompletionResultType]::ParameterName, 'CRL files (PEM or DER, repeatable) to embed as revocation data')
            [CompletionResult]::new('--ocsp-response', '--ocsp-response', [CompletionResultType]::ParameterName, 'OCSP response files (DER, repeatable) to embed as revocation data')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format: text for people, or one JSON document (with a "schema" version) on stdout')
            [CompletionResult]::new('--lang', '--lang', [CompletionResultType]::ParameterName, 'Language of messages [default: from KYSO_LANG, then LANG; English otherwise]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'Colour output on a terminal (NO_COLOR turns "auto" off)')
            [CompletionResult]::new('--pss', '--pss', [CompletionResultType]::ParameterName, 'Use RSASSA-PSS instead of PKCS#1 v1.5 for RSA keys (Circular 15/2025/TT-BKHCN)')
            [CompletionResult]::new('--detached', '--detached', [CompletionResultType]::ParameterName, 'Write a detached CMS signature (.p7s) whatever the document''s format')
            [CompletionResult]::new('--attached', '--attached', [CompletionResultType]::ParameterName, 'Write an attached CMS signature (FILE.p7m) that carries the document, whatever its format')
            [CompletionResult]::new('--pem', '--pem', [CompletionResultType]::ParameterName, 'Write the detached signature as PEM instead of DER')
            [CompletionResult]::new('--force', '--force', [CompletionResultType]::ParameterName, 'Overwrite an existing output file')
            [CompletionResult]::new('--xades', '--xades', [CompletionResultType]::ParameterName, 'Add XAdES B-B signed properties (SigningTime, SigningCertificateV2, DataObjectFormat)')
            [CompletionResult]::new('--ds-prefix', '--ds-prefix', [CompletionResultType]::ParameterName, 'Write the signature with the `ds:` prefix instead of a default namespace')
            [CompletionResult]::new('--online', '--online', [CompletionResultType]::ParameterName, 'Fetch certificates and revocation data named by the certificates (AIA OCSP and caIssuers, CRL distribution points) over HTTP')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only errors (JSON output, when asked for, is still printed)')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only errors (JSON output, when asked for, is still printed)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'kyso;verify' {
            [CompletionResult]::new('--signature', '--signature', [CompletionResultType]::ParameterName, 'The detached signature of the (single) FILE')
            [CompletionResult]::new('--extract', '--extract', [CompletionResultType]::ParameterName, 'CMS: write the content an attached signature (.p7m) carries to OUT (not when the signature is invalid); an existing OUT is kept unless --force')
            [CompletionResult]::new('--report', '--report', [CompletionResultType]::ParameterName, 'Also write a verification report for people, in the --lang language: FILE.html (one self-contained file, no network, no script) or FILE.pdf (A4, for the record); a summary table first for several files')
            [CompletionResult]::new('--id-attr', '--id-attr', [CompletionResultType]::ParameterName, 'XML: attribute names that carry IDs (repeatable) [default: Id, ID, id]')
            [CompletionResult]::new('--content', '--content', [CompletionResultType]::ParameterName, 'XML: the folder (or the single file) where detached references are found [default: the signature file''s folder]; nothing outside it is read')
            [CompletionResult]::new('--max-references', '--max-references', [CompletionResultType]::ParameterName, 'XML: most References per SignedInfo or Manifest')
            [CompletionResult]::new('--max-reference-bytes', '--max-reference-bytes', [CompletionResultType]::ParameterName, 'XML: most bytes the references of one document may canonicalize or read [default: 32 MiB + 4 × the file size]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'XML: layout rules (the Vietnamese ones refuse signatures over elements applications do not read, and verify each invoice of a message within its own HDon)')
            [CompletionResult]::new('--require-signed', '--require-signed', [CompletionResultType]::ParameterName, 'XML: an element (simple absolute path, e.g. /Envelope/Body/Order) that an intact signature must cover (repeatable)')
            [CompletionResult]::new('--trust', '--trust', [CompletionResultType]::ParameterName, 'Trust anchors: a PEM/DER certificate file, a folder of them, or a trust store @NAME (`kyso trust list`; @vn: the Vietnamese national and Government CA roots) (repeatable). Without anchors no signature can be better than "indeterminate"')
            [CompletionResult]::new('--certs', '--certs', [CompletionResultType]::ParameterName, 'Untrusted intermediate certificates to help build chains: a file, a folder or a trust store @NAME (@vn: the Vietnamese public CAs) (repeatable)')
            [CompletionResult]::new('--crl', '--crl', [CompletionResultType]::ParameterName, 'CRLs (PEM or DER, repeatable): a certificate revoked before the validation time makes the signature invalid')
            [CompletionResult]::new('--at', '--at', [CompletionResultType]::ParameterName, 'Validation time, RFC 3339 or YYYY-MM-DD [default: now]')
            [CompletionResult]::new('--pdf-password-file', '--pdf-password-file', [CompletionResultType]::ParameterName, 'Password of encrypted PDFs, in a file (first line); KYSO_PDF_PASSWORD is used when not given (the empty user password is always tried)')
            [CompletionResult]::new('--pdf-work-limit', '--pdf-work-limit', [CompletionResultType]::ParameterName, 'Work budget of a PDF''s revision analysis, in object visits; a document that needs more is INDETERMINATE (LIMIT_EXCEEDED)')
            [CompletionResult]::new('--cert-policy', '--cert-policy', [CompletionResultType]::ParameterName, 'An acceptable certificate policy OID (repeatable) [default: any policy]')
            [CompletionResult]::new('--include', '--include', [CompletionResultType]::ParameterName, 'Only files matching this glob (relative path; repeatable), e.g. "*.pdf"')
            [CompletionResult]::new('--exclude', '--exclude', [CompletionResultType]::ParameterName, 'Leave out files matching this glob (repeatable)')
            [CompletionResult]::new('--max-attachment-size', '--max-attachment-size', [CompletionResultType]::ParameterName, 'Largest attachment, and largest file unpacked from a zip (K, M, G suffixes)')
            [CompletionResult]::new('--max-package-size', '--max-package-size', [CompletionResultType]::ParameterName, 'Most bytes decoded and unpacked from one package, nested packages included')
            [CompletionResult]::new('--max-attachments', '--max-attachments', [CompletionResultType]::ParameterName, 'Most attachments in a package, and most files in one zip')
            [CompletionResult]::new('--max-zip-ratio', '--max-zip-ratio', [CompletionResultType]::ParameterName, 'Largest unpacked/packed size ratio of a zip entry over 1 MiB')
            [CompletionResult]::new('--policy', '--policy', [CompletionResultType]::ParameterName, 'A policy file (TOML with a [verify] table); without it, the [verify] table of the nearest kyso.toml (this folder or one above) is used when there is one')
            [CompletionResult]::new('--require-signer', '--require-signer', [CompletionResultType]::ParameterName, 'Accept only valid signatures by this signer: a certificate SHA-256, a certificate file, or subject attributes such as UID=MST:0101234567 or O=… (issuer:… for the issuer); repeatable, any one matches')
            [CompletionResult]::new('--min-signatures', '--min-signatures', [CompletionResultType]::ParameterName, 'At least N valid signatures (by required signers, when given)')
            [CompletionResult]::new('--require-level', '--require-level', [CompletionResultType]::ParameterName, 'Signature level at least b, t, lt or lta')
            [CompletionResult]::new('--allow-algorithms', '--allow-algorithms', [CompletionResultType]::ParameterName, 'Allowed digest and signature algorithms, comma-separated (e.g. sha256,sha384,rsa,ecdsa)')
            [CompletionResult]::new('--min-rsa-bits', '--min-rsa-bits', [CompletionResultType]::ParameterName, 'Signers'' RSA keys at least this many bits')
            [CompletionResult]::new('--signed-after', '--signed-after', [CompletionResultType]::ParameterName, 'Signed at or after TIME (RFC 3339 or YYYY-MM-DD; the proven time when there is one)')
            [CompletionResult]::new('--signed-before', '--signed-before', [CompletionResultType]::ParameterName, 'Signed before TIME')
            [CompletionResult]::new('--ocsp-response', '--ocsp-response', [CompletionResultType]::ParameterName, 'OCSP responses (DER OCSPResponse files, repeatable) to use as revocation data')
            [CompletionResult]::new('--revocation-timeout', '--revocation-timeout', [CompletionResultType]::ParameterName, 'With --online: seconds to wait for each OCSP or CRL request')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format: text for people, or one JSON document (with a "schema" version) on stdout')
            [CompletionResult]::new('--lang', '--lang', [CompletionResultType]::ParameterName, 'Language of messages [default: from KYSO_LANG, then LANG; English otherwise]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'Colour output on a terminal (NO_COLOR turns "auto" off)')
            [CompletionResult]::new('--force', '--force', [CompletionResultType]::ParameterName, 'With --extract or --report: replace an existing OUT or report')
            [CompletionResult]::new('--require-revocation', '--require-revocation', [CompletionResultType]::ParameterName, 'Without a usable CRL for every certificate below the anchor the result is indeterminate (TRY_LATER) [default: an unknown status is reported only]')
            [CompletionResult]::new('--explicit-policy', '--explicit-policy', [CompletionResultType]::ParameterName, 'The path must be valid for at least one (acceptable) certificate policy')
            [CompletionResult]::new('--inhibit-policy-mapping', '--inhibit-policy-mapping', [CompletionResultType]::ParameterName, 'Policy mappings are not allowed')
            [CompletionResult]::new('--inhibit-any-policy', '--inhibit-any-policy', [CompletionResultType]::ParameterName, 'anyPolicy in certificates is not taken as matching every policy')
            [CompletionResult]::new('--hidden', '--hidden', [CompletionResultType]::ParameterName, 'Also take hidden files and folders (names starting with ''.'')')
            [CompletionResult]::new('--no-policy', '--no-policy', [CompletionResultType]::ParameterName, 'Ignore kyso.toml')
            [CompletionResult]::new('--require-whole-file', '--require-whole-file', [CompletionResultType]::ParameterName, 'A valid signature covers the whole file (nothing added after the last signature)')
            [CompletionResult]::new('--require-certification', '--require-certification', [CompletionResultType]::ParameterName, 'A valid certification (DocMDP) signature on the PDF')
            [CompletionResult]::new('--online', '--online', [CompletionResultType]::ParameterName, 'Fetch missing revocation data over HTTP: an OCSP response from each certificate''s AIA, else its CRL distribution point (implies --require-revocation; without it nothing is fetched)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only errors (JSON output, when asked for, is still printed)')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only errors (JSON output, when asked for, is still printed)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'kyso;timestamp' {
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output file [default: NAME.timestamped.pdf]')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output file [default: NAME.timestamped.pdf]')
            [CompletionResult]::new('--digest', '--digest', [CompletionResultType]::ParameterName, 'Digest of the document sent to the TSA')
            [CompletionResult]::new('--pdf-password-file', '--pdf-password-file', [CompletionResultType]::ParameterName, 'Password of an encrypted PDF (user or owner), in a file (first line); KYSO_PDF_PASSWORD is used when not given')
            [CompletionResult]::new('--tsa', '--tsa', [CompletionResultType]::ParameterName, 'RFC 3161 time-stamp service (http://...), e.g. the one `kyso pki serve` runs at /tsa')
            [CompletionResult]::new('--tsa-cert', '--tsa-cert', [CompletionResultType]::ParameterName, 'The TSA''s certificate (PEM or DER): tokens must be signed by it')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Seconds to wait for each network call (TSA, OCSP, CRL, caIssuers)')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format: text for people, or one JSON document (with a "schema" version) on stdout')
            [CompletionResult]::new('--lang', '--lang', [CompletionResultType]::ParameterName, 'Language of messages [default: from KYSO_LANG, then LANG; English otherwise]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'Colour output on a terminal (NO_COLOR turns "auto" off)')
            [CompletionResult]::new('--force', '--force', [CompletionResultType]::ParameterName, 'Overwrite an existing output file')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only errors (JSON output, when asked for, is still printed)')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only errors (JSON output, when asked for, is still printed)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'kyso;extend' {
            [CompletionResult]::new('--level', '--level', [CompletionResultType]::ParameterName, 'The level to raise the document''s signatures to')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output file [default: NAME.lt.EXT or NAME.lta.pdf]')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output file [default: NAME.lt.EXT or NAME.lta.pdf]')
            [CompletionResult]::new('--chain', '--chain', [CompletionResultType]::ParameterName, 'Certificates that complete the signers'' chains (repeatable)')
            [CompletionResult]::new('--digest', '--digest', [CompletionResultType]::ParameterName, 'Digest of the document time-stamp (lta), or of a signature time-stamp added to a CMS or XAdES signature that has none')
            [CompletionResult]::new('--pdf-password-file', '--pdf-password-file', [CompletionResultType]::ParameterName, 'Password of an encrypted PDF, in a file (first line); KYSO_PDF_PASSWORD otherwise')
            [CompletionResult]::new('--tsa', '--tsa', [CompletionResultType]::ParameterName, 'RFC 3161 time-stamp service (http://...), e.g. the one `kyso pki serve` runs at /tsa')
            [CompletionResult]::new('--tsa-cert', '--tsa-cert', [CompletionResultType]::ParameterName, 'The TSA''s certificate (PEM or DER): tokens must be signed by it')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Seconds to wait for each network call (TSA, OCSP, CRL, caIssuers)')
            [CompletionResult]::new('--crl', '--crl', [CompletionResultType]::ParameterName, 'CRL files (PEM or DER, repeatable) to embed as revocation data')
            [CompletionResult]::new('--ocsp-response', '--ocsp-response', [CompletionResultType]::ParameterName, 'OCSP response files (DER, repeatable) to embed as revocation data')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format: text for people, or one JSON document (with a "schema" version) on stdout')
            [CompletionResult]::new('--lang', '--lang', [CompletionResultType]::ParameterName, 'Language of messages [default: from KYSO_LANG, then LANG; English otherwise]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'Colour output on a terminal (NO_COLOR turns "auto" off)')
            [CompletionResult]::new('--force', '--force', [CompletionResultType]::ParameterName, 'Overwrite an existing output file')
            [CompletionResult]::new('--online', '--online', [CompletionResultType]::ParameterName, 'Fetch certificates and revocation data named by the certificates (AIA OCSP and caIssuers, CRL distribution points) over HTTP')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only errors (JSON output, when asked for, is still printed)')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only errors (JSON output, when asked for, is still printed)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'kyso;batch' {
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format: text for people, or one JSON document (with a "schema" version) on stdout')
            [CompletionResult]::new('--lang', '--lang', [CompletionResultType]::ParameterName, 'Language of messages [default: from KYSO_LANG, then LANG; English otherwise]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'Colour output on a terminal (NO_COLOR turns "auto" off)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only errors (JSON output, when asked for, is still printed)')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only errors (JSON output, when asked for, is still printed)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('sign', 'sign', [CompletionResultType]::ParameterValue, 'Sign every PDF and XML document of a folder tree into a mirrored output tree')
            [CompletionResult]::new('verify', 'verify', [CompletionResultType]::ParameterValue, 'Verify every file of one or more folder trees')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'kyso;batch;sign' {
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'The folder for the signed documents (the input tree is mirrored)')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'The folder for the signed documents (the input tree is mirrored)')
            [CompletionResult]::new('--others', '--others', [CompletionResultType]::ParameterName, 'Files that are neither PDF nor XML: skip them, or sign them as detached .p7s')
            [CompletionResult]::new('-j', '-j', [CompletionResultType]::ParameterName, 'Worker threads [default: two per core]')
            [CompletionResult]::new('--jobs', '--jobs', [CompletionResultType]::ParameterName, 'Worker threads [default: two per core]')
            [CompletionResult]::new('--report', '--report', [CompletionResultType]::ParameterName, 'Write a manifest (JSON, or CSV for a .csv name): per file input/output paths and SHA-256, status, reason, signer, time; a journal (REPORT.journal) is kept meanwhile')
            [CompletionResult]::new('--include', '--include', [CompletionResultType]::ParameterName, 'Only files matching this glob (relative path; repeatable), e.g. "*.pdf"')
            [CompletionResult]::new('--exclude', '--exclude', [CompletionResultType]::ParameterName, 'Leave out files matching this glob (repeatable)')
            [CompletionResult]::new('--as', '--as', [CompletionResultType]::ParameterName, 'Sign as this profile from config.toml or kyso.toml (`kyso profile list`); flags given here override its values')
            [CompletionResult]::new('--key', '--key', [CompletionResultType]::ParameterName, 'Private key file (PEM or DER: PKCS#8, encrypted PKCS#8, PKCS#1 or SEC1); needs --cert')
            [CompletionResult]::new('--p12', '--p12', [CompletionResultType]::ParameterName, 'PKCS#12 file (.p12/.pfx) with the key and its certificate chain')
            [CompletionResult]::new('--pkcs11', '--pkcs11', [CompletionResultType]::ParameterName, 'PKCS#11 module of a USB token (e.g. /usr/lib/softhsm/libsofthsm2.so); see `kyso token list`')
            [CompletionResult]::new('--token', '--token', [CompletionResultType]::ParameterName, 'Token label (with --pkcs11)')
            [CompletionResult]::new('--slot', '--slot', [CompletionResultType]::ParameterName, 'Slot number (with --pkcs11)')
            [CompletionResult]::new('--key-label', '--key-label', [CompletionResultType]::ParameterName, 'Key label on the token (with --pkcs11)')
            [CompletionResult]::new('--key-id', '--key-id', [CompletionResultType]::ParameterName, 'Key id on the token, hex (with --pkcs11)')
            [CompletionResult]::new('--pin-file', '--pin-file', [CompletionResultType]::ParameterName, 'Token PIN in a file (first line); KYSO_PIN is used when not given, then a prompt on a terminal')
            [CompletionResult]::new('--cert', '--cert', [CompletionResultType]::ParameterName, 'The signer''s certificate (PEM or DER; may also hold the chain, signer first). Optional with --p12, or with --pkcs11 when the token holds the certificate')
            [CompletionResult]::new('--chain', '--chain', [CompletionResultType]::ParameterName, 'Issuer certificates to embed (repeatable)')
            [CompletionResult]::new('--password-file', '--password-file', [CompletionResultType]::ParameterName, 'Password of the key or .p12, in a file (first line); KYSO_KEY_PASSWORD is used when not given, then a prompt on a terminal')
            [CompletionResult]::new('--digest', '--digest', [CompletionResultType]::ParameterName, 'Digest algorithm')
            [CompletionResult]::new('--reason', '--reason', [CompletionResultType]::ParameterName, 'Reason for signing (/Reason), e.g. "Phê duyệt"')
            [CompletionResult]::new('--location', '--location', [CompletionResultType]::ParameterName, 'Where the signature was made (/Location), e.g. "Thái Nguyên"')
            [CompletionResult]::new('--contact', '--contact', [CompletionResultType]::ParameterName, 'How to reach the signer (/ContactInfo)')
            [CompletionResult]::new('--field', '--field', [CompletionResultType]::ParameterName, 'Sign this existing empty signature field instead of adding a new one')
            [CompletionResult]::new('--field-name', '--field-name', [CompletionResultType]::ParameterName, 'Name of the new signature field [default: Signature{N}]')
            [CompletionResult]::new('--subfilter', '--subfilter', [CompletionResultType]::ParameterName, 'Signature format in the PDF')
            [CompletionResult]::new('--certify', '--certify', [CompletionResultType]::ParameterName, 'Make a certification (author) signature with these DocMDP permissions')
            [CompletionResult]::new('--appearance', '--appearance', [CompletionResultType]::ParameterName, 'Visible signature as Decree 30/2020/NĐ-CP prescribes: approve (the leader''s signature image), issue (the seal with the document number and date), attachment or copy (text at the top right of the first page)')
            [CompletionResult]::new('--page', '--page', [CompletionResultType]::ParameterName, 'Page of the visible signature (1-based)')
            [CompletionResult]::new('--rect', '--rect', [CompletionResultType]::ParameterName, 'Box of the visible signature in PDF points: x1,y1,x2,y2')
            [CompletionResult]::new('--anchor', '--anchor', [CompletionResultType]::ParameterName, 'Place the visible signature relative to this text on the page (e.g. the signer''s name)')
            [CompletionResult]::new('--image', '--image', [CompletionResultType]::ParameterName, 'Image for the appearance: the signature (approve) or the seal (issue); PNG or JPEG')
            [CompletionResult]::new('--doc-number', '--doc-number', [CompletionResultType]::ParameterName, 'Document number and symbol (số, ký hiệu), e.g. "123/UBND-VP"')
            [CompletionResult]::new('--copy-type', '--copy-type', [CompletionResultType]::ParameterName, 'Copy type for --appearance copy: "SAO Y", "SAO LỤC", "TRÍCH SAO"')
            [CompletionResult]::new('--agency', '--agency', [CompletionResultType]::ParameterName, 'Agency name shown by the attachment and copy appearances')
            [CompletionResult]::new('--font', '--font', [CompletionResultType]::ParameterName, 'TrueType font for appearance text [default: Liberation Serif, metric-compatible with Times New Roman]')
            [CompletionResult]::new('--pdf-password-file', '--pdf-password-file', [CompletionResultType]::ParameterName, 'Password of an encrypted PDF (user or owner), in a file (first line); KYSO_PDF_PASSWORD is used when not given')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Signature layout')
            [CompletionResult]::new('--c14n', '--c14n', [CompletionResultType]::ParameterName, 'Canonicalization for SignedInfo and the references (the e-invoice profile uses c14n)')
            [CompletionResult]::new('--ref-id', '--ref-id', [CompletionResultType]::ParameterName, 'Sign the element with this ID instead of the whole document')
            [CompletionResult]::new('--id-attr', '--id-attr', [CompletionResultType]::ParameterName, 'Attribute names that carry IDs (repeatable) [default: Id, ID, id]')
            [CompletionResult]::new('--into', '--into', [CompletionResultType]::ParameterName, 'Put the Signature inside this element (a path of element names, e.g. /HDon/DSCKS/NBan)')
            [CompletionResult]::new('--level', '--level', [CompletionResultType]::ParameterName, 'Signature level [default: t with --tsa, else b]; lta is for PDF documents')
            [CompletionResult]::new('--tsa', '--tsa', [CompletionResultType]::ParameterName, 'RFC 3161 time-stamp service (http://...), e.g. the one `kyso pki serve` runs at /tsa')
            [CompletionResult]::new('--tsa-cert', '--tsa-cert', [CompletionResultType]::ParameterName, 'The TSA''s certificate (PEM or DER): tokens must be signed by it')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Seconds to wait for each network call (TSA, OCSP, CRL, caIssuers)')
            [CompletionResult]::new('--crl', '--crl', [CompletionResultType]::ParameterName, 'CRL files (PEM or DER, repeatable) to embed as revocation data')
            [CompletionResult]::new('--ocsp-response', '--ocsp-response', [CompletionResultType]::ParameterName, 'OCSP response files (DER, repeatable) to embed as revocation data')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format: text for people, or one JSON document (with a "schema" version) on stdout')
            [CompletionResult]::new('--lang', '--lang', [CompletionResultType]::ParameterName, 'Language of messages [default: from KYSO_LANG, then LANG; English otherwise]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'Colour output on a terminal (NO_COLOR turns "auto" off)')
            [CompletionResult]::new('--in-place', '--in-place', [CompletionResultType]::ParameterName, 'Replace each PDF/XML input by its signed version (and put .p7s beside others)')
            [CompletionResult]::new('--resume', '--resume', [CompletionResultType]::ParameterName, 'Continue an interrupted batch: skip files whose output exists and verifies')
            [CompletionResult]::new('--force', '--force', [CompletionResultType]::ParameterName, 'Overwrite existing outputs')
            [CompletionResult]::new('--hidden', '--hidden', [CompletionResultType]::ParameterName, 'Also take hidden files and folders (names starting with ''.'')')
            [CompletionResult]::new('--pss', '--pss', [CompletionResultType]::ParameterName, 'Use RSASSA-PSS instead of PKCS#1 v1.5 for RSA keys (Circular 15/2025/TT-BKHCN)')
            [CompletionResult]::new('--xades', '--xades', [CompletionResultType]::ParameterName, 'Add XAdES B-B signed properties (SigningTime, SigningCertificateV2, DataObjectFormat)')
            [CompletionResult]::new('--ds-prefix', '--ds-prefix', [CompletionResultType]::ParameterName, 'Write the signature with the `ds:` prefix instead of a default namespace')
            [CompletionResult]::new('--online', '--online', [CompletionResultType]::ParameterName, 'Fetch certificates and revocation data named by the certificates (AIA OCSP and caIssuers, CRL distribution points) over HTTP')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only errors (JSON output, when asked for, is still printed)')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only errors (JSON output, when asked for, is still printed)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'kyso;batch;verify' {
            [CompletionResult]::new('--id-attr', '--id-attr', [CompletionResultType]::ParameterName, 'XML: attribute names that carry IDs (repeatable) [default: Id, ID, id]')
            [CompletionResult]::new('-j', '-j', [CompletionResultType]::ParameterName, 'Worker threads [default: all cores]')
            [CompletionResult]::new('--jobs', '--jobs', [CompletionResultType]::ParameterName, 'Worker threads [default: all cores]')
            [CompletionResult]::new('--trust', '--trust', [CompletionResultType]::ParameterName, 'Trust anchors: a PEM/DER certificate file, a folder of them, or a trust store @NAME (`kyso trust list`; @vn: the Vietnamese national and Government CA roots) (repeatable). Without anchors no signature can be better than "indeterminate"')
            [CompletionResult]::new('--certs', '--certs', [CompletionResultType]::ParameterName, 'Untrusted intermediate certificates to help build chains: a file, a folder or a trust store @NAME (@vn: the Vietnamese public CAs) (repeatable)')
            [CompletionResult]::new('--crl', '--crl', [CompletionResultType]::ParameterName, 'CRLs (PEM or DER, repeatable): a certificate revoked before the validation time makes the signature invalid')
            [CompletionResult]::new('--at', '--at', [CompletionResultType]::ParameterName, 'Validation time, RFC 3339 or YYYY-MM-DD [default: now]')
            [CompletionResult]::new('--pdf-password-file', '--pdf-password-file', [CompletionResultType]::ParameterName, 'Password of encrypted PDFs, in a file (first line); KYSO_PDF_PASSWORD is used when not given (the empty user password is always tried)')
            [CompletionResult]::new('--pdf-work-limit', '--pdf-work-limit', [CompletionResultType]::ParameterName, 'Work budget of a PDF''s revision analysis, in object visits; a document that needs more is INDETERMINATE (LIMIT_EXCEEDED)')
            [CompletionResult]::new('--cert-policy', '--cert-policy', [CompletionResultType]::ParameterName, 'An acceptable certificate policy OID (repeatable) [default: any policy]')
            [CompletionResult]::new('--include', '--include', [CompletionResultType]::ParameterName, 'Only files matching this glob (relative path; repeatable), e.g. "*.pdf"')
            [CompletionResult]::new('--exclude', '--exclude', [CompletionResultType]::ParameterName, 'Leave out files matching this glob (repeatable)')
            [CompletionResult]::new('--max-attachment-size', '--max-attachment-size', [CompletionResultType]::ParameterName, 'Largest attachment, and largest file unpacked from a zip (K, M, G suffixes)')
            [CompletionResult]::new('--max-package-size', '--max-package-size', [CompletionResultType]::ParameterName, 'Most bytes decoded and unpacked from one package, nested packages included')
            [CompletionResult]::new('--max-attachments', '--max-attachments', [CompletionResultType]::ParameterName, 'Most attachments in a package, and most files in one zip')
            [CompletionResult]::new('--max-zip-ratio', '--max-zip-ratio', [CompletionResultType]::ParameterName, 'Largest unpacked/packed size ratio of a zip entry over 1 MiB')
            [CompletionResult]::new('--policy', '--policy', [CompletionResultType]::ParameterName, 'A policy file (TOML with a [verify] table); without it, the [verify] table of the nearest kyso.toml (this folder or one above) is used when there is one')
            [CompletionResult]::new('--require-signer', '--require-signer', [CompletionResultType]::ParameterName, 'Accept only valid signatures by this signer: a certificate SHA-256, a certificate file, or subject attributes such as UID=MST:0101234567 or O=… (issuer:… for the issuer); repeatable, any one matches')
            [CompletionResult]::new('--min-signatures', '--min-signatures', [CompletionResultType]::ParameterName, 'At least N valid signatures (by required signers, when given)')
            [CompletionResult]::new('--require-level', '--require-level', [CompletionResultType]::ParameterName, 'Signature level at least b, t, lt or lta')
            [CompletionResult]::new('--allow-algorithms', '--allow-algorithms', [CompletionResultType]::ParameterName, 'Allowed digest and signature algorithms, comma-separated (e.g. sha256,sha384,rsa,ecdsa)')
            [CompletionResult]::new('--min-rsa-bits', '--min-rsa-bits', [CompletionResultType]::ParameterName, 'Signers'' RSA keys at least this many bits')
            [CompletionResult]::new('--signed-after', '--signed-after', [CompletionResultType]::ParameterName, 'Signed at or after TIME (RFC 3339 or YYYY-MM-DD; the proven time when there is one)')
            [CompletionResult]::new('--signed-before', '--signed-before', [CompletionResultType]::ParameterName, 'Signed before TIME')
            [CompletionResult]::new('--ocsp-response', '--ocsp-response', [CompletionResultType]::ParameterName, 'OCSP responses (DER OCSPResponse files, repeatable) to use as revocation data')
            [CompletionResult]::new('--revocation-timeout', '--revocation-timeout', [CompletionResultType]::ParameterName, 'With --online: seconds to wait for each OCSP or CRL request')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format: text for people, or one JSON document (with a "schema" version) on stdout')
            [CompletionResult]::new('--lang', '--lang', [CompletionResultType]::ParameterName, 'Language of messages [default: from KYSO_LANG, then LANG; English otherwise]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'Colour output on a terminal (NO_COLOR turns "auto" off)')
            [CompletionResult]::new('--require-revocation', '--require-revocation', [CompletionResultType]::ParameterName, 'Without a usable CRL for every certificate below the anchor the result is indeterminate (TRY_LATER) [default: an unknown status is reported only]')
            [CompletionResult]::new('--explicit-policy', '--explicit-policy', [CompletionResultType]::ParameterName, 'The path must be valid for at least one (acceptable) certificate policy')
            [CompletionResult]::new('--inhibit-policy-mapping', '--inhibit-policy-mapping', [CompletionResultType]::ParameterName, 'Policy mappings are not allowed')
            [CompletionResult]::new('--inhibit-any-policy', '--inhibit-any-policy', [CompletionResultType]::ParameterName, 'anyPolicy in certificates is not taken as matching every policy')
            [CompletionResult]::new('--hidden', '--hidden', [CompletionResultType]::ParameterName, 'Also take hidden files and folders (names starting with ''.'')')
            [CompletionResult]::new('--no-policy', '--no-policy', [CompletionResultType]::ParameterName, 'Ignore kyso.toml')
            [CompletionResult]::new('--require-whole-file', '--require-whole-file', [CompletionResultType]::ParameterName, 'A valid signature covers the whole file (nothing added after the last signature)')
            [CompletionResult]::new('--require-certification', '--require-certification', [CompletionResultType]::ParameterName, 'A valid certification (DocMDP) signature on the PDF')
            [CompletionResult]::new('--online', '--online', [CompletionResultType]::ParameterName, 'Fetch missing revocation data over HTTP: an OCSP response from each certificate''s AIA, else its CRL distribution point (implies --require-revocation; without it nothing is fetched)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only errors (JSON output, when asked for, is still printed)')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only errors (JSON output, when asked for, is still printed)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'kyso;batch;help' {
            [CompletionResult]::new('sign', 'sign', [CompletionResultType]::ParameterValue, 'Sign every PDF and XML document of a folder tree into a mirrored output tree')
            [CompletionResult]::new('verify', 'verify', [CompletionResultType]::ParameterValue, 'Verify every file of one or more folder trees')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'kyso;batch;help;sign' {
            break
        }
        'kyso;batch;help;verify' {
            break
        }
        'kyso;batch;help;help' {
            break
        }
        'kyso;trust' {
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format: text for people, or one JSON document (with a "schema" version) on stdout')
            [CompletionResult]::new('--lang', '--lang', [CompletionResultType]::ParameterName, 'Language of messages [default: from KYSO_LANG, then LANG; English otherwise]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'Colour output on a terminal (NO_COLOR turns "auto" off)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only errors (JSON output, when asked for, is still printed)')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only errors (JSON output, when asked for, is still printed)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('add', 'add', [CompletionResultType]::ParameterValue, 'Add CA certificates (PEM or DER, several per file, or a .p7b bundle) to a store, creating it')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List the trust stores: the built-in ones and the user''s')
            [CompletionResult]::new('show', 'show', [CompletionResultType]::ParameterValue, 'Show each certificate of a store: subject, issuer, validity, SHA-256')
            [CompletionResult]::new('remove', 'remove', [CompletionResultType]::ParameterValue, 'Remove a user store and its certificates')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'kyso;trust;add' {
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format: text for people, or one JSON document (with a "schema" version) on stdout')
            [CompletionResult]::new('--lang', '--lang', [CompletionResultType]::ParameterName, 'Language of messages [default: from KYSO_LANG, then LANG; English otherwise]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'Colour output on a terminal (NO_COLOR turns "auto" off)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only errors (JSON output, when asked for, is still printed)')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only errors (JSON output, when asked for, is still printed)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'kyso;trust;list' {
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format: text for people, or one JSON document (with a "schema" version) on stdout')
            [CompletionResult]::new('--lang', '--lang', [CompletionResultType]::ParameterName, 'Language of messages [default: from KYSO_LANG, then LANG; English otherwise]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'Colour output on a terminal (NO_COLOR turns "auto" off)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only errors (JSON output, when asked for, is still printed)')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only errors (JSON output, when asked for, is still printed)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'kyso;trust;show' {
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format: text for people, or one JSON document (with a "schema" version) on stdout')
            [CompletionResult]::new('--lang', '--lang', [CompletionResultType]::ParameterName, 'Language of messages [default: from KYSO_LANG, then LANG; English otherwise]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'Colour output on a terminal (NO_COLOR turns "auto" off)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only errors (JSON output, when asked for, is still printed)')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only errors (JSON output, when asked for, is still printed)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'kyso;trust;remove' {
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format: text for people, or one JSON document (with a "schema" version) on stdout')
            [CompletionResult]::new('--lang', '--lang', [CompletionResultType]::ParameterName, 'Language of messages [default: from KYSO_LANG, then LANG; English otherwise]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'Colour output on a terminal (NO_COLOR turns "auto" off)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only errors (JSON output, when asked for, is still printed)')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only errors (JSON output, when asked for, is still printed)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'kyso;trust;help' {
            [CompletionResult]::new('add', 'add', [CompletionResultType]::ParameterValue, 'Add CA certificates (PEM or DER, several per file, or a .p7b bundle) to a store, creating it')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List the trust stores: the built-in ones and the user''s')
            [CompletionResult]::new('show', 'show', [CompletionResultType]::ParameterValue, 'Show each certificate of a store: subject, issuer, validity, SHA-256')
            [CompletionResult]::new('remove', 'remove', [CompletionResultType]::ParameterValue, 'Remove a user store and its certificates')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'kyso;trust;help;add' {
            break
        }
        'kyso;trust;help;list' {
            break
        }
        'kyso;trust;help;show' {
            break
        }
        'kyso;trust;help;remove' {
            break
        }
        'kyso;trust;help;help' {
            break
        }
        'kyso;token' {
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format: text for people, or one JSON document (with a "schema" version) on stdout')
            [CompletionResult]::new('--lang', '--lang', [CompletionResultType]::ParameterName, 'Language of messages [default: from KYSO_LANG, then LANG; English otherwise]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'Colour output on a terminal (NO_COLOR turns "auto" off)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only errors (JSON output, when asked for, is still printed)')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only errors (JSON output, when asked for, is still printed)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List slots, tokens, and the keys and certificates on them')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'kyso;token;list' {
            [CompletionResult]::new('--pkcs11', '--pkcs11', [CompletionResultType]::ParameterName, 'PKCS#11 module of the token (e.g. /usr/lib/softhsm/libsofthsm2.so)')
            [CompletionResult]::new('--token', '--token', [CompletionResultType]::ParameterName, 'Only this token (label)')
            [CompletionResult]::new('--pin-file', '--pin-file', [CompletionResultType]::ParameterName, 'Log in with the PIN in this file to list private keys too (KYSO_PIN also works); without a PIN only public objects are listed')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format: text for people, or one JSON document (with a "schema" version) on stdout')
            [CompletionResult]::new('--lang', '--lang', [CompletionResultType]::ParameterName, 'Language of messages [default: from KYSO_LANG, then LANG; English otherwise]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'Colour output on a terminal (NO_COLOR turns "auto" off)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only errors (JSON output, when asked for, is still printed)')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only errors (JSON output, when asked for, is still printed)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'kyso;token;help' {
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List slots, tokens, and the keys and certificates on them')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'kyso;token;help;list' {
            break
        }
        'kyso;token;help;help' {
            break
        }
        'kyso;profile' {
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format: text for people, or one JSON document (with a "schema" version) on stdout')
            [CompletionResult]::new('--lang', '--lang', [CompletionResultType]::ParameterName, 'Language of messages [default: from KYSO_LANG, then LANG; English otherwise]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'Colour output on a terminal (NO_COLOR turns "auto" off)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only errors (JSON output, when asked for, is still printed)')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only errors (JSON output, when asked for, is still printed)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List the signing profiles (the user''s config.toml, then the project''s kyso.toml)')
            [CompletionResult]::new('show', 'show', [CompletionResultType]::ParameterValue, 'Show what a profile resolves to (PINs and passwords shown as where they come from)')
            [CompletionResult]::new('add', 'add', [CompletionResultType]::ParameterValue, 'Create a profile: asks on a terminal (token, key, appearance, image), or takes flags')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'kyso;profile;list' {
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format: text for people, or one JSON document (with a "schema" version) on stdout')
            [CompletionResult]::new('--lang', '--lang', [CompletionResultType]::ParameterName, 'Language of messages [default: from KYSO_LANG, then LANG; English otherwise]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'Colour output on a terminal (NO_COLOR turns "auto" off)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only errors (JSON output, when asked for, is still printed)')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only errors (JSON output, when asked for, is still printed)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'kyso;profile;show' {
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format: text for people, or one JSON document (with a "schema" version) on stdout')
            [CompletionResult]::new('--lang', '--lang', [CompletionResultType]::ParameterName, 'Language of messages [default: from KYSO_LANG, then LANG; English otherwise]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'Colour output on a terminal (NO_COLOR turns "auto" off)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only errors (JSON output, when asked for, is still printed)')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only errors (JSON output, when asked for, is still printed)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'kyso;profile;add' {
            [CompletionResult]::new('--key', '--key', [CompletionResultType]::ParameterName, 'Private key file; needs --cert')
            [CompletionResult]::new('--p12', '--p12', [CompletionResultType]::ParameterName, 'PKCS#12 file (.p12/.pfx)')
            [CompletionResult]::new('--pkcs11', '--pkcs11', [CompletionResultType]::ParameterName, 'PKCS#11 module of a USB token')
            [CompletionResult]::new('--token', '--token', [CompletionResultType]::ParameterName, 'Token label')
            [CompletionResult]::new('--slot', '--slot', [CompletionResultType]::ParameterName, 'Slot number')
            [CompletionResult]::new('--key-label', '--key-label', [CompletionResultType]::ParameterName, 'Key label on the token')
            [CompletionResult]::new('--key-id', '--key-id', [CompletionResultType]::ParameterName, 'Key id on the token, hex')
            [CompletionResult]::new('--pin-file', '--pin-file', [CompletionResultType]::ParameterName, 'A file holding the token PIN (the PIN itself is never stored)')
            [CompletionResult]::new('--cert', '--cert', [CompletionResultType]::ParameterName, 'The signer''s certificate file')
            [CompletionResult]::new('--chain', '--chain', [CompletionResultType]::ParameterName, 'Issuer certificates to embed (repeatable)')
            [CompletionResult]::new('--password-file', '--password-file', [CompletionResultType]::ParameterName, 'A file holding the key or .p12 password (the password itself is never stored)')
            [CompletionResult]::new('--digest', '--digest', [CompletionResultType]::ParameterName, 'Digest algorithm')
            [CompletionResult]::new('--appearance', '--appearance', [CompletionResultType]::ParameterName, 'Visible signature (Decree 30/2020/NĐ-CP step)')
            [CompletionResult]::new('--image', '--image', [CompletionResultType]::ParameterName, 'Image for the appearance (signature or seal), PNG or JPEG')
            [CompletionResult]::new('--anchor', '--anchor', [CompletionResultType]::ParameterName, 'Place the visible signature relative to this text (e.g. the signer''s name)')
            [CompletionResult]::new('--rect', '--rect', [CompletionResultType]::ParameterName, 'Box of the visible signature: x1,y1,x2,y2')
            [CompletionResult]::new('--page', '--page', [CompletionResultType]::ParameterName, 'Page of the visible signature (1-based)')
            [CompletionResult]::new('--reason', '--reason', [CompletionResultType]::ParameterName, 'Reason for signing, e.g. "Phê duyệt"')
            [CompletionResult]::new('--location', '--location', [CompletionResultType]::ParameterName, 'Where the signature is made, e.g. "Thái Nguyên"')
            [CompletionResult]::new('--contact', '--contact', [CompletionResultType]::ParameterName, 'How to reach the signer')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format: text for people, or one JSON document (with a "schema" version) on stdout')
            [CompletionResult]::new('--lang', '--lang', [CompletionResultType]::ParameterName, 'Language of messages [default: from KYSO_LANG, then LANG; English otherwise]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'Colour output on a terminal (NO_COLOR turns "auto" off)')
            [CompletionResult]::new('--project', '--project', [CompletionResultType]::ParameterName, 'Write into the project''s kyso.toml (the nearest one, else ./kyso.toml) instead of the user''s config.toml')
            [CompletionResult]::new('--force', '--force', [CompletionResultType]::ParameterName, 'Replace a profile of the same name')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never ask: write what the flags say')
            [CompletionResult]::new('--pss', '--pss', [CompletionResultType]::ParameterName, 'RSASSA-PSS for RSA keys')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only errors (JSON output, when asked for, is still printed)')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only errors (JSON output, when asked for, is still printed)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'kyso;profile;help' {
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List the signing profiles (the user''s config.toml, then the project''s kyso.toml)')
            [CompletionResult]::new('show', 'show', [CompletionResultType]::ParameterValue, 'Show what a profile resolves to (PINs and passwords shown as where they come from)')
            [CompletionResult]::new('add', 'add', [CompletionResultType]::ParameterValue, 'Create a profile: asks on a terminal (token, key, appearance, image), or takes flags')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'kyso;profile;help;list' {
            break
        }
        'kyso;profile;help;show' {
            break
        }
        'kyso;profile;help;add' {
            break
        }
        'kyso;profile;help;help' {
            break
        }
        'kyso;pki' {
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format: text for people, or one JSON document (with a "schema" version) on stdout')
            [CompletionResult]::new('--lang', '--lang', [CompletionResultType]::ParameterName, 'Language of messages [default: from KYSO_LANG, then LANG; English otherwise]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'Colour output on a terminal (NO_COLOR turns "auto" off)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only errors (JSON output, when asked for, is still printed)')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only errors (JSON output, when asked for, is still printed)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('serve', 'serve', [CompletionResultType]::ParameterValue, 'Answer RFC 3161 time-stamp, RFC 6960 OCSP and CRL requests for a test PKI folder')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'kyso;pki;serve' {
            [CompletionResult]::new('--listen', '--listen', [CompletionResultType]::ParameterName, 'Address to listen on (port 0: any free port)')
            [CompletionResult]::new('--tsa', '--tsa', [CompletionResultType]::ParameterName, 'The TSA to use when DIR has several (its file prefix)')
            [CompletionResult]::new('--ocsp-validity', '--ocsp-validity', [CompletionResultType]::ParameterName, 'Seconds from an OCSP response''s thisUpdate to its nextUpdate')
            [CompletionResult]::new('--crl-validity', '--crl-validity', [CompletionResultType]::ParameterName, 'Seconds from a CRL''s thisUpdate to its nextUpdate')
            [CompletionResult]::new('--password-file', '--password-file', [CompletionResultType]::ParameterName, 'Password of encrypted CA, TSA or responder keys, in a file; KYSO_CA_KEY_PASSWORD is used when not given')
            [CompletionResult]::new('--workers', '--workers', [CompletionResultType]::ParameterName, 'Worker threads')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format: text for people, or one JSON document (with a "schema" version) on stdout')
            [CompletionResult]::new('--lang', '--lang', [CompletionResultType]::ParameterName, 'Language of messages [default: from KYSO_LANG, then LANG; English otherwise]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'Colour output on a terminal (NO_COLOR turns "auto" off)')
            [CompletionResult]::new('--allow-remote', '--allow-remote', [CompletionResultType]::ParameterName, 'Allow a non-loopback address (the services sign whatever they are asked to)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only errors (JSON output, when asked for, is still printed)')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only errors (JSON output, when asked for, is still printed)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'kyso;pki;help' {
            [CompletionResult]::new('serve', 'serve', [CompletionResultType]::ParameterValue, 'Answer RFC 3161 time-stamp, RFC 6960 OCSP and CRL requests for a test PKI folder')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'kyso;pki;help;serve' {
            break
        }
        'kyso;pki;help;help' {
            break
        }
        'kyso;edxml' {
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format: text for people, or one JSON document (with a "schema" version) on stdout')
            [CompletionResult]::new('--lang', '--lang', [CompletionResultType]::ParameterName, 'Language of messages [default: from KYSO_LANG, then LANG; English otherwise]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'Colour output on a terminal (NO_COLOR turns "auto" off)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only errors (JSON output, when asked for, is still printed)')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only errors (JSON output, when asked for, is still printed)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('inspect', 'inspect', [CompletionResultType]::ParameterValue, 'Show a package''s header, manifest and attachments (nothing is verified)')
            [CompletionResult]::new('extract', 'extract', [CompletionResultType]::ParameterValue, 'Write a package''s attachments into a folder')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'kyso;edxml;inspect' {
            [CompletionResult]::new('--max-attachment-size', '--max-attachment-size', [CompletionResultType]::ParameterName, 'Largest attachment, and largest file unpacked from a zip (K, M, G suffixes)')
            [CompletionResult]::new('--max-package-size', '--max-package-size', [CompletionResultType]::ParameterName, 'Most bytes decoded and unpacked from one package, nested packages included')
            [CompletionResult]::new('--max-attachments', '--max-attachments', [CompletionResultType]::ParameterName, 'Most attachments in a package, and most files in one zip')
            [CompletionResult]::new('--max-zip-ratio', '--max-zip-ratio', [CompletionResultType]::ParameterName, 'Largest unpacked/packed size ratio of a zip entry over 1 MiB')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format: text for people, or one JSON document (with a "schema" version) on stdout')
            [CompletionResult]::new('--lang', '--lang', [CompletionResultType]::ParameterName, 'Language of messages [default: from KYSO_LANG, then LANG; English otherwise]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'Colour output on a terminal (NO_COLOR turns "auto" off)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only errors (JSON output, when asked for, is still printed)')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only errors (JSON output, when asked for, is still printed)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'kyso;edxml;extract' {
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'The folder to write the attachments into (created if missing)')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'The folder to write the attachments into (created if missing)')
            [CompletionResult]::new('--max-attachment-size', '--max-attachment-size', [CompletionResultType]::ParameterName, 'Largest attachment, and largest file unpacked from a zip (K, M, G suffixes)')
            [CompletionResult]::new('--max-package-size', '--max-package-size', [CompletionResultType]::ParameterName, 'Most bytes decoded and unpacked from one package, nested packages included')
            [CompletionResult]::new('--max-attachments', '--max-attachments', [CompletionResultType]::ParameterName, 'Most attachments in a package, and most files in one zip')
            [CompletionResult]::new('--max-zip-ratio', '--max-zip-ratio', [CompletionResultType]::ParameterName, 'Largest unpacked/packed size ratio of a zip entry over 1 MiB')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format: text for people, or one JSON document (with a "schema" version) on stdout')
            [CompletionResult]::new('--lang', '--lang', [CompletionResultType]::ParameterName, 'Language of messages [default: from KYSO_LANG, then LANG; English otherwise]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'Colour output on a terminal (NO_COLOR turns "auto" off)')
            [CompletionResult]::new('--force', '--force', [CompletionResultType]::ParameterName, 'Replace existing files')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only errors (JSON output, when asked for, is still printed)')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only errors (JSON output, when asked for, is still printed)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'kyso;edxml;help' {
            [CompletionResult]::new('inspect', 'inspect', [CompletionResultType]::ParameterValue, 'Show a package''s header, manifest and attachments (nothing is verified)')
            [CompletionResult]::new('extract', 'extract', [CompletionResultType]::ParameterValue, 'Write a package''s attachments into a folder')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'kyso;edxml;help;inspect' {
            break
        }
        'kyso;edxml;help;extract' {
            break
        }
        'kyso;edxml;help;help' {
            break
        }
        'kyso;demo' {
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format: text for people, or one JSON document (with a "schema" version) on stdout')
            [CompletionResult]::new('--lang', '--lang', [CompletionResultType]::ParameterName, 'Language of messages [default: from KYSO_LANG, then LANG; English otherwise]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'Colour output on a terminal (NO_COLOR turns "auto" off)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only errors (JSON output, when asked for, is still printed)')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only errors (JSON output, when asked for, is still printed)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'kyso;completions' {
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format: text for people, or one JSON document (with a "schema" version) on stdout')
            [CompletionResult]::new('--lang', '--lang', [CompletionResultType]::ParameterName, 'Language of messages [default: from KYSO_LANG, then LANG; English otherwise]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'Colour output on a terminal (NO_COLOR turns "auto" off)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only errors (JSON output, when asked for, is still printed)')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only errors (JSON output, when asked for, is still printed)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'kyso;manpage' {
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format: text for people, or one JSON document (with a "schema" version) on stdout')
            [CompletionResult]::new('--lang', '--lang', [CompletionResultType]::ParameterName, 'Language of messages [default: from KYSO_LANG, then LANG; English otherwise]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'Colour output on a terminal (NO_COLOR turns "auto" off)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only errors (JSON output, when asked for, is still printed)')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only errors (JSON output, when asked for, is still printed)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'kyso;help' {
            [CompletionResult]::new('cert', 'cert', [CompletionResultType]::ParameterValue, 'Create and inspect certificates (test PKIs)')
            [CompletionResult]::new('sign', 'sign', [CompletionResultType]::ParameterValue, 'Sign a document (detached CMS .p7s for any file)')
            [CompletionResult]::new('verify', 'verify', [CompletionResultType]::ParameterValue, 'Verify signatures and certificate chains')
            [CompletionResult]::new('timestamp', 'timestamp', [CompletionResultType]::ParameterValue, 'Add a document time-stamp to a PDF (PAdES, /ETSI.RFC3161)')
            [CompletionResult]::new('extend', 'extend', [CompletionResultType]::ParameterValue, 'Raise signatures to B-LT or B-LTA (PDF; CMS .p7s/.p7m and XAdES: B-LT)')
            [CompletionResult]::new('batch', 'batch', [CompletionResultType]::ParameterValue, 'Sign or verify whole folders, in parallel')
            [CompletionResult]::new('trust', 'trust', [CompletionResultType]::ParameterValue, 'Named trust stores (`--trust @NAME`, `--certs @NAME`; built-in: @vn): add, list, show, remove')
            [CompletionResult]::new('token', 'token', [CompletionResultType]::ParameterValue, 'PKCS#11 hardware tokens')
            [CompletionResult]::new('profile', 'profile', [CompletionResultType]::ParameterValue, 'Named signing profiles (`kyso sign FILE --as NAME`): list, show, add')
            [CompletionResult]::new('pki', 'pki', [CompletionResultType]::ParameterValue, 'Test-PKI services: RFC 3161 time-stamps, OCSP and CRLs over HTTP')
            [CompletionResult]::new('edxml', 'edxml', [CompletionResultType]::ParameterValue, 'edXML packages from the document exchange axis: inspect, extract')
            [CompletionResult]::new('demo', 'demo', [CompletionResultType]::ParameterValue, 'Run the main job on an embedded sample: make a test PKI, then sign and verify')
            [CompletionResult]::new('completions', 'completions', [CompletionResultType]::ParameterValue, 'Print a shell completion script')
            [CompletionResult]::new('manpage', 'manpage', [CompletionResultType]::ParameterValue, 'Print the man page (roff)')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'kyso;help;cert' {
            [CompletionResult]::new('ca', 'ca', [CompletionResultType]::ParameterValue, 'Create a self-signed root CA: PREFIX.crt, PREFIX.key, PREFIX.chain.pem')
            [CompletionResult]::new('issue', 'issue', [CompletionResultType]::ParameterValue, 'Issue a certificate signed by a CA (intermediate, person, organization, tsa, ocsp)')
            [CompletionResult]::new('inspect', 'inspect', [CompletionResultType]::ParameterValue, 'Show what a certificate or chain says (PEM or DER); does not verify it')
            [CompletionResult]::new('verify', 'verify', [CompletionResultType]::ParameterValue, 'Validate certificates: path to a trust anchor, constraints, revocation (RFC 5280)')
            [CompletionResult]::new('revoke', 'revoke', [CompletionResultType]::ParameterValue, 'Revoke a certificate issued by a CA made by kyso (recorded in PREFIX.index.txt)')
            [CompletionResult]::new('crl', 'crl', [CompletionResultType]::ParameterValue, 'Write a CRL for a CA made by kyso, from its database')
            break
        }
        'kyso;help;cert;ca' {
            break
        }
        'kyso;help;cert;issue' {
            break
        }
        'kyso;help;cert;inspect' {
            break
        }
        'kyso;help;cert;verify' {
            break
        }
        'kyso;help;cert;revoke' {
            break
        }
        'kyso;help;cert;crl' {
            break
        }
        'kyso;help;sign' {
            break
        }
        'kyso;help;verify' {
            break
        }
        'kyso;help;timestamp' {
            break
        }
        'kyso;help;extend' {
            break
        }
        'kyso;help;batch' {
            [CompletionResult]::new('sign', 'sign', [CompletionResultType]::ParameterValue, 'Sign every PDF and XML document of a folder tree into a mirrored output tree')
            [CompletionResult]::new('verify', 'verify', [CompletionResultType]::ParameterValue, 'Verify every file of one or more folder trees')
            break
        }
        'kyso;help;batch;sign' {
            break
        }
        'kyso;help;batch;verify' {
            break
        }
        'kyso;help;trust' {
            [CompletionResult]::new('add', 'add', [CompletionResultType]::ParameterValue, 'Add CA certificates (PEM or DER, several per file, or a .p7b bundle) to a store, creating it')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List the trust stores: the built-in ones and the user''s')
            [CompletionResult]::new('show', 'show', [CompletionResultType]::ParameterValue, 'Show each certificate of a store: subject, issuer, validity, SHA-256')
            [CompletionResult]::new('remove', 'remove', [CompletionResultType]::ParameterValue, 'Remove a user store and its certificates')
            break
        }
        'kyso;help;trust;add' {
            break
        }
        'kyso;help;trust;list' {
            break
        }
        'kyso;help;trust;show' {
            break
        }
        'kyso;help;trust;remove' {
            break
        }
        'kyso;help;token' {
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List slots, tokens, and the keys and certificates on them')
            break
        }
        'kyso;help;token;list' {
            break
        }
        'kyso;help;profile' {
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List the signing profiles (the user''s config.toml, then the project''s kyso.toml)')
            [CompletionResult]::new('show', 'show', [CompletionResultType]::ParameterValue, 'Show what a profile resolves to (PINs and passwords shown as where they come from)')
            [CompletionResult]::new('add', 'add', [CompletionResultType]::ParameterValue, 'Create a profile: asks on a terminal (token, key, appearance, image), or takes flags')
            break
        }
        'kyso;help;profile;list' {
            break
        }
        'kyso;help;profile;show' {
            break
        }
        'kyso;help;profile;add' {
            break
        }
        'kyso;help;pki' {
            [CompletionResult]::new('serve', 'serve', [CompletionResultType]::ParameterValue, 'Answer RFC 3161 time-stamp, RFC 6960 OCSP and CRL requests for a test PKI folder')
            break
        }
        'kyso;help;pki;serve' {
            break
        }
        'kyso;help;edxml' {
            [CompletionResult]::new('inspect', 'inspect', [CompletionResultType]::ParameterValue, 'Show a package''s header, manifest and attachments (nothing is verified)')
            [CompletionResult]::new('extract', 'extract', [CompletionResultType]::ParameterValue, 'Write a package''s attachments into a folder')
            break
        }
        'kyso;help;edxml;inspect' {
            break
        }
        'kyso;help;edxml;extract' {
            break
        }
        'kyso;help;demo' {
            break
        }
        'kyso;help;completions' {
            break
        }
        'kyso;help;manpage' {
            break
        }
        'kyso;help;help' {
            break
        }
    })

    $completions.Where{ $_.CompletionText -like "$wordToComplete*" } |
        Sort-Object -Property ListItemText
}
