//! What the rules report: one [`Finding`] per change, with a stable [`FindingCode`] and
//! the [`ChangeClass`] that decides, per signature, whether the change is permitted.

use serde::Serialize;

use crate::pdf::syntax::object::ObjRef;

/// What kind of change a finding is. Whether it is permitted depends on the DocMDP
/// permission in force (see [`super::judge`]); [`ChangeClass::Forbidden`] never is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ChangeClass {
    /// Changes nothing a reader sees: xref and object streams, identical rewrites,
    /// unreferenced objects, the document information dictionary, XMP metadata,
    /// private keys, catalog housekeeping.
    Housekeeping,
    /// Long-term validation material: the DSS and invisible document timestamps.
    Ltv,
    /// Signing: an existing empty signature field signed, or a new invisible one.
    Signing,
    /// A new visible signature field (after approval signatures only: after a
    /// certification it is the "Sneaky Signature" attack).
    VisibleSignature,
    /// Form filling: values, appearances and entries of existing fields, AcroForm
    /// defaults.
    FormFill,
    /// Annotations added or changed (DocMDP P=3 only).
    Annotation,
    /// Never permitted.
    Forbidden,
}

macro_rules! finding_codes {
    ($($(#[$m:meta])* $v:ident => $s:literal,)*) => {
        /// Stable codes of the findings (an interface for scripts, pinned by a test).
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
        pub enum FindingCode {
            $($(#[$m])* #[serde(rename = $s)] $v,)*
        }

        impl FindingCode {
            pub const ALL: &'static [FindingCode] = &[$(FindingCode::$v,)*];

            /// The code as printed (`PAGE_CONTENT_CHANGED`).
            pub fn as_str(self) -> &'static str {
                match self {
                    $(FindingCode::$v => $s,)*
                }
            }
        }
    };
}

finding_codes! {
    // --- housekeeping and long-term validation ---
    /// Xref/object streams, unreferenced new objects, identical rewrites.
    XrefHousekeeping => "XREF_HOUSEKEEPING",
    /// Objects freed (or renumbered) that nothing in the document refers to any more.
    ObjectsFreed => "OBJECTS_FREED",
    /// The trailer's /Info dictionary updated.
    InfoUpdated => "INFO_UPDATED",
    /// The XMP metadata stream updated.
    MetadataUpdated => "METADATA_UPDATED",
    /// Catalog /Extensions, /MarkInfo or /Version changed.
    CatalogHousekeeping => "CATALOG_HOUSEKEEPING",
    /// A key ISO 32000 does not define (a producer's private key, e.g. iText's /ITXT) in
    /// the catalog, the page tree, a page or the trailer: viewers ignore it.
    PrivateKeyChanged => "PRIVATE_KEY_CHANGED",
    /// The document security store added or updated.
    DssUpdated => "DSS_UPDATED",
    /// A document timestamp added.
    DocumentTimestampAdded => "DOCUMENT_TIMESTAMP_ADDED",
    // --- signing and form filling ---
    /// A new signature field.
    SignatureFieldAdded => "SIGNATURE_FIELD_ADDED",
    /// A signature placed in a field.
    SignatureAdded => "SIGNATURE_ADDED",
    /// A page's /Annots grown by the widget of a new signature field.
    WidgetAdded => "WIDGET_ADDED",
    /// A new signature's widget drawn over a signed one (the issuing step of Decree
    /// 30/2020/NĐ-CP); the new signature is itself verified.
    SignatureOverSignature => "SIGNATURE_OVER_SIGNATURE",
    /// AcroForm /Fields grown, /SigFlags, /DR, /DA, /Q or /NeedAppearances changed.
    AcroFormUpdated => "ACROFORM_UPDATED",
    /// A form field's value changed.
    FieldValueChanged => "FIELD_VALUE_CHANGED",
    /// A form field's (or its widget's) appearance changed.
    FieldAppearanceChanged => "FIELD_APPEARANCE_CHANGED",
    /// Another entry of a field or widget a form filler may change (/AS /DA /Q /Ff /F).
    FieldEntryChanged => "FIELD_ENTRY_CHANGED",
    /// An annotation added.
    AnnotationAdded => "ANNOTATION_ADDED",
    /// An existing annotation changed.
    AnnotationChanged => "ANNOTATION_CHANGED",
    // --- never permitted ---
    /// A page's content changed.
    PageContentChanged => "PAGE_CONTENT_CHANGED",
    /// A page's resources changed.
    PageResourcesChanged => "PAGE_RESOURCES_CHANGED",
    /// A font or XObject a page uses changed.
    FontOrXObjectChanged => "FONT_OR_XOBJECT_CHANGED",
    /// Pages removed or reordered, or a page tree node changed.
    PageTreeChanged => "PAGE_TREE_CHANGED",
    /// A page added.
    PageAdded => "PAGE_ADDED",
    /// An existing object a page did not use before is now part of what it shows
    /// (shadow attack), or a hidden annotation shown.
    HiddenContentRevealed => "HIDDEN_CONTENT_REVEALED",
    /// A catalog entry that may not change (/OpenAction /Names /AA /Perms
    /// /OCProperties /Pages ...), or an AcroForm entry a form filler may not change.
    CatalogEntryChanged => "CATALOG_ENTRY_CHANGED",
    /// The trailer's /Encrypt changed.
    EncryptionChanged => "ENCRYPTION_CHANGED",
    /// An annotation removed from a page, or moved.
    AnnotationRemoved => "ANNOTATION_REMOVED",
    /// A widget annotation that belongs to no form field.
    WidgetWithoutField => "WIDGET_WITHOUT_FIELD",
    /// A widget or annotation hidden or shown by its flags.
    VisibilityChanged => "VISIBILITY_CHANGED",
    /// A signed signature field, or its signature dictionary, changed.
    SignedFieldChanged => "SIGNED_FIELD_CHANGED",
    /// A form field removed.
    FieldRemoved => "FIELD_REMOVED",
    /// A field changed beyond what form filling may change (/Kids, /T, /Rect, ...).
    FieldStructureChanged => "FIELD_STRUCTURE_CHANGED",
    /// A new form field that is not a signature field.
    NonSignatureFieldAdded => "NON_SIGNATURE_FIELD_ADDED",
    /// A new field whose widgets include an annotation that existed before.
    AnnotationAdopted => "ANNOTATION_ADOPTED",
    /// A signature value that is not a new indirect dictionary.
    SignatureValueReused => "SIGNATURE_VALUE_REUSED",
    /// An appearance update on a field whose appearance dictionary or stream is also
    /// used elsewhere in the signed revision.
    AppearanceShared => "APPEARANCE_SHARED",
    /// An object still in use was freed (it now reads as null).
    ObjectFreed => "OBJECT_FREED",
    /// An existing object overwritten by an xref or object stream.
    ObjectStreamOverwrite => "OBJECT_STREAM_OVERWRITE",
    /// The catalog's /DSS is not a dictionary, or /Metadata is not a metadata stream.
    MalformedStructure => "MALFORMED_STRUCTURE",
    /// An object changed or added that no rule explains.
    UnexplainedChange => "UNEXPLAINED_CHANGE",
}

/// One change a revision made, as a rule found it.
#[derive(Debug, Clone, PartialEq)]
pub struct Finding {
    pub code: FindingCode,
    pub class: ChangeClass,
    /// 0-based page index, when the change concerns a page.
    pub page: Option<usize>,
    /// Fully qualified form field name, when it concerns a field (FieldMDP locks apply).
    pub field: Option<String>,
    /// The object concerned (as numbered in the new revision).
    pub object: Option<ObjRef>,
    /// Language-neutral technical detail: keys, paths, values.
    pub detail: String,
}

impl Finding {
    pub fn new(code: FindingCode, class: ChangeClass) -> Finding {
        Finding { code, class, page: None, field: None, object: None, detail: String::new() }
    }

    /// A change that is never permitted.
    pub fn forbidden(code: FindingCode) -> Finding {
        Finding::new(code, ChangeClass::Forbidden)
    }

    pub fn page(mut self, index: usize) -> Finding {
        self.page = Some(index);
        self
    }

    pub fn field(mut self, name: &str) -> Finding {
        self.field = Some(name.to_string());
        self
    }

    pub fn object(mut self, r: Option<ObjRef>) -> Finding {
        self.object = r;
        self
    }

    pub fn detail(mut self, d: impl Into<String>) -> Finding {
        self.detail = d.into();
        self
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Finding codes are an interface for scripts: this list changes only deliberately.
    #[test]
    fn finding_codes_are_pinned() {
        let codes: Vec<&str> = FindingCode::ALL.iter().map(|c| c.as_str()).collect();
        assert_eq!(
            codes,
            [
                "XREF_HOUSEKEEPING",
                "OBJECTS_FREED",
                "INFO_UPDATED",
                "METADATA_UPDATED",
                "CATALOG_HOUSEKEEPING",
                "PRIVATE_KEY_CHANGED",
                "DSS_UPDATED",
                "DOCUMENT_TIMESTAMP_ADDED",
                "SIGNATURE_FIELD_ADDED",
                "SIGNATURE_ADDED",
                "WIDGET_ADDED",
                "SIGNATURE_OVER_SIGNATURE",
                "ACROFORM_UPDATED",
                "FIELD_VALUE_CHANGED",
                "FIELD_APPEARANCE_CHANGED",
                "FIELD_ENTRY_CHANGED",
                "ANNOTATION_ADDED",
                "ANNOTATION_CHANGED",
                "PAGE_CONTENT_CHANGED",
                "PAGE_RESOURCES_CHANGED",
                "FONT_OR_XOBJECT_CHANGED",
                "PAGE_TREE_CHANGED",
                "PAGE_ADDED",
                "HIDDEN_CONTENT_REVEALED",
                "CATALOG_ENTRY_CHANGED",
                "ENCRYPTION_CHANGED",
                "ANNOTATION_REMOVED",
                "WIDGET_WITHOUT_FIELD",
                "VISIBILITY_CHANGED",
                "SIGNED_FIELD_CHANGED",
                "FIELD_REMOVED",
                "FIELD_STRUCTURE_CHANGED",
                "NON_SIGNATURE_FIELD_ADDED",
                "ANNOTATION_ADOPTED",
                "SIGNATURE_VALUE_REUSED",
                "APPEARANCE_SHARED",
                "OBJECT_FREED",
                "OBJECT_STREAM_OVERWRITE",
                "MALFORMED_STRUCTURE",
                "UNEXPLAINED_CHANGE",
            ]
        );
        let json = serde_json::to_string(&FindingCode::PageAdded).unwrap_or_default();
        assert_eq!(json, "\"PAGE_ADDED\"");
    }
}
