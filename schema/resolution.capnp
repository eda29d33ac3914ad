# On-disk records of Recital. Changing a field's meaning or removing one needs a format
# version bump, a migration and a golden archive (STYLE.md). Adding a field at a new ordinal
# does not. Unknown values: empty Text, 0 for numbers (sessions, meetings and resolution
# numbers start at 1).
@0xbb9d5f5d37a8e53d;

$import "/capnp/c++.capnp".namespace("recital::capnp_schema");

struct FootnoteRef {
  number @0 :UInt32;       # footnote number as printed
  byteOffset @1 :UInt32;   # UTF-8 byte offset in the canonical text where the marker stood
}

struct SubParagraph {
  number @0 :Text;         # "(a)", "(i)"
  text @1 :Text;           # canonical text, footnote markers removed
  footnotes @2 :List(FootnoteRef);
}

# The wording of a paragraph: the stored object, keyed by the XXH3-128 of its encoding.
# It holds nothing that changes when the same words are renumbered or footnotes renumbered,
# so the same wording in two sessions is one object. Position data lives in ParagraphUse.
struct Paragraph {
  lead @0 :Text;           # lead phrase ("Recalling", "Calls upon"); a prefix of text
  text @1 :Text;           # canonical text including the lead phrase, markers removed
  subparagraphs @2 :List(SubWording);

  struct SubWording {
    number @0 :Text;
    text @1 :Text;
  }
}

enum Section {
  preamble @0;
  operative @1;
  annex @2;
}

# One paragraph as it stands in one resolution.
struct ParagraphUse {
  hash @0 :Data;           # 16 bytes: XXH3-128 (canonical big-endian) of the Paragraph object
  section @1 :Section;
  number @2 :Text;         # "1", "" for preamble paragraphs
  footnotes @3 :List(FootnoteRef);
  subFootnotes @4 :List(List(FootnoteRef));  # per sub-paragraph, same order as the wording
  wording @5 :Paragraph;   # format 4 (in Resolution.paragraphStream): the wording itself, then
                           # hash is empty; its identity is still the XXH3-128 of the
                           # Paragraph encoded on its own
}

struct Footnote {
  number @0 :UInt32;
  text @1 :Text;
}

struct Citation {
  symbol @0 :Text;         # full symbol, "A/RES/48/113"
  date @1 :Text;           # ISO 8601 "1993-12-20", empty when not given
}

# An annexed instrument (a declaration, a programme of action, a table): its title and how
# many of the record's annex-section paragraphs, taken in document order, belong to it.
struct Annex {
  title @0 :Text;                # "Political declaration of the high-level meeting ..."; may be empty
  paragraphCount @1 :UInt32;
}

struct Resolution {
  symbol @0 :Text;               # "A/RES/54/144", "A/RES/2957(XXVII)"
  session @1 :UInt32;
  number @2 :UInt32;
  title @3 :Text;
  agendaItems @4 :List(Text);    # "111", "68 (a)"
  committee @5 :Text;            # "Third Committee" or "without reference to a Main Committee"
  report @6 :Text;               # "A/54/600"
  distributionDate @7 :Text;     # ISO 8601
  meeting @8 :UInt32;            # plenary meeting number
  adoptionDate @9 :Text;         # ISO 8601
  paragraphs @10 :List(ParagraphUse);  # preamble, then operative, then annex, in document order
  footnotes @11 :List(Footnote);
  citations @12 :List(Citation);
  documents @13 :List(Text);     # other document symbols mentioned
  language @14 :Text;            # "en", "fr", ...
  layout @15 :Text;              # "ods", "unorg", "modern", "web", ...
  parserVersion @16 :Text;
  rawHash @17 :Data;             # 16 bytes: XXH3-128 of the release bytes
  warnings @18 :List(Text);
  # Format 4: the paragraphs (then `paragraphs` is empty), in the same order, as a stream of
  # Cap'n Proto messages back to back in the standard flat serialization (segment table, then
  # segments), each a ParagraphUse with `wording` set and no hash. One message per paragraph
  # keeps every pointer offset inside its paragraph, so a paragraph repeated from the previous
  # session's record is byte-identical there and compresses to a back-reference.
  paragraphStream @19 :Data;
  # Added after format 4 (records without them decode with both empty):
  sessionCode @20 :Text;         # the session as the symbol writes it when it is not a regular
                                 # session: "ES-11" (emergency special), "S-27" (special); then
                                 # `session` is 0. Empty for regular sessions.
  annexes @21 :List(Annex);      # groups the annex-section paragraphs; annex paragraphs beyond
                                 # the sum of the counts (records written before this field)
                                 # form one untitled annex
  # The copy is partial: its text ends inside its last paragraph (that paragraph is cut off), or
  # it starts after the beginning of the resolution's text (a later page, a web excerpt).
  truncatedEnd @22 :Bool;
  startsMidDocument @23 :Bool;
}

# The Resolution struct exactly as format 4 laid it out (fields @0-@19 only). A record without
# session code, annexes or partial-copy flags is written with this layout, so its bytes (and record hash) are what
# they were before those fields existed; Resolution reads both.
struct ResolutionFormat4 {
  symbol @0 :Text;
  session @1 :UInt32;
  number @2 :UInt32;
  title @3 :Text;
  agendaItems @4 :List(Text);
  committee @5 :Text;
  report @6 :Text;
  distributionDate @7 :Text;
  meeting @8 :UInt32;
  adoptionDate @9 :Text;
  paragraphs @10 :List(ParagraphUse);
  footnotes @11 :List(Footnote);
  citations @12 :List(Citation);
  documents @13 :List(Text);
  language @14 :Text;
  layout @15 :Text;
  parserVersion @16 :Text;
  rawHash @17 :Data;
  warnings @18 :List(Text);
  paragraphStream @19 :Data;
}
