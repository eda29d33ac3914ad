// Our own UN-style vocabulary and paragraph templates (written for Recital; nothing copied).
// Pools are large enough that two unrelated generated paragraphs share few content words.
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "gen/gen_internal.h"

namespace recital::gen::internal {
namespace {

const std::vector<std::string> kActors = {
    "the Office of the United Nations High Commissioner for Refugees",
    "the International Organization for Migration",
    "Member States",
    "the countries of the region",
    "intergovernmental and non-governmental organizations",
    "the specialized agencies and programmes of the United Nations system",
    "donor Governments",
    "the Emergency Relief Coordinator",
    "regional and subregional organizations",
    "international financial institutions",
    "the World Food Programme",
    "the United Nations Development Programme",
    "States of origin and host countries",
    "the United Nations Children's Fund",
    "the Inter-Agency Standing Committee",
    "the Peacebuilding Commission",
    "the Office for the Coordination of Humanitarian Affairs",
    "national human rights institutions",
    "the World Health Organization",
    "parliaments and local authorities",
};

const std::vector<std::string> kActions = {
    "to strengthen their cooperation in",     "to provide adequate and predictable resources for",
    "to continue to support",                 "to intensify their efforts towards",
    "to give due consideration to",           "to ensure full respect for",
    "to facilitate",                          "to promote",
    "to contribute generously to",            "to develop comprehensive strategies for",
    "to report regularly on",                 "to mainstream",
    "to share best practices concerning",     "to invest in",
    "to remove obstacles to",                 "to monitor closely",
    "to give priority to",                    "to adopt national legislation on",
};

const std::vector<std::string> kObjects = {
    "the voluntary repatriation of refugees in safety and dignity",
    "the protection of internally displaced persons",
    "durable solutions for protracted refugee situations",
    "the reintegration of returnees into their communities",
    "capacity-building in countries of origin",
    "the implementation of the Programme of Action",
    "emergency humanitarian assistance to affected populations",
    "the prevention and reduction of statelessness",
    "the rights and welfare of women and girls",
    "early warning and preparedness mechanisms",
    "mine clearance and the rehabilitation of infrastructure",
    "food security and nutrition in rural areas",
    "the special needs of the least developed countries",
    "access to education for displaced children",
    "the registration and documentation of asylum-seekers",
    "the transition from relief to development",
    "the safety and security of humanitarian personnel",
    "the fight against trafficking in persons",
    "the restitution of housing, land and property",
    "the collection of reliable migration statistics",
    "vocational training for young people",
    "the management of mixed migration flows",
    "psychosocial support for survivors of violence",
    "community-based reconciliation initiatives",
};

const std::vector<std::string> kQualifiers = {
    "in accordance with international humanitarian law and refugee law",
    "within existing resources",
    "at the national, regional and international levels",
    "in a spirit of international solidarity and burden-sharing",
    "with a view to achieving lasting and sustainable solutions",
    "in close cooperation with the Governments concerned",
    "taking into account the specific needs of older persons and persons with disabilities",
    "on the basis of the purposes and principles of the Charter of the United Nations",
    "in full respect of the sovereignty and territorial integrity of States",
    "through enhanced coordination among all relevant actors",
    "bearing in mind the primary responsibility of States",
    "in particular in post-conflict situations",
    "including through South-South and triangular cooperation",
    "with the active participation of affected communities",
    "as a matter of priority and without further delay",
    "in line with the outcome of the recent high-level meetings",
    "consistent with national priorities and strategies",
    "by mobilizing additional voluntary contributions",
};

const std::vector<std::string> kNounFrames = {
    "the efforts of {A} in support of {O}",  "the progress made in {O}",
    "the importance of {O}",                  "the continuing need for {O}",
    "the contribution of {A} to {O}",         "the work undertaken by {A} on {O}",
    "the commitment of {A} to {O}",           "the challenges faced by {A} regarding {O}",
};

const std::vector<std::string> kPredicates = {
    "remains a matter of serious concern to the international community",
    "requires sustained and predictable international support",
    "is essential for lasting peace and stability",
    "calls for a comprehensive and coordinated response",
    "depends on the political will of all parties concerned",
    "has been hampered by insufficient funding",
    "cannot be achieved by the affected countries alone",
    "deserves the continued attention of the General Assembly",
};

const std::vector<std::string> kTopics = {
    "Assistance to refugees, returnees and displaced persons",
    "Humanitarian assistance and rehabilitation",
    "Protection of and assistance to internally displaced persons",
    "Strengthening of the coordination of emergency relief",
    "International cooperation on migration and development",
    "Prevention of statelessness and protection of stateless persons",
    "Safety and security of humanitarian personnel",
    "Emergency assistance for the reconstruction and development",
    "Follow-up to the regional conference on population displacement",
    "Education of refugee and displaced children",
    "Rights of migrant workers and their families",
    "Support for voluntary repatriation programmes",
};

const std::vector<std::string> kRegions = {
    "in Africa", "in Central America", "in South-Eastern Europe", "in the Great Lakes region",
    "in the Horn of Africa", "in Central Asia", "in the Caucasus", "in South Asia",
    "in the Sahel", "in the Andean region", "in West Africa", "in the Pacific",
    "in the Middle East", "in Southern Africa", "in the Caribbean", "in the Balkans",
};

const std::vector<std::string> kAdverbs = {"further", "fully", "urgently", "actively",
                                           "effectively", "systematically"};

// ---- The addition vocabulary ----
// Added paragraphs are made only from these pools. No content word (gen/measure.cc) of any
// entry occurs in another entry or anywhere in the main vocabulary above, the session-bound
// clauses, titles, ordinals or dates; so an added paragraph resembles nothing that was there
// (MakeAddedParagraph still checks every word against the paragraphs actually present).
// Leads are known lead phrases of the parser; a preposition after one belongs to the body.
struct AddedLead {
  const char* lead;
  const char* connector;  // "" or a word the body starts with ("by", "of")
};

const std::vector<AddedLead> kAddedPreambleLeads = {
    {"Affirming", ""},   {"Appreciating", ""},  {"Underlining", ""},   {"Deploring", ""},
    {"Reiterating", ""}, {"Realizing", ""},     {"Understanding", ""}, {"Guided by", ""},
    {"Alarmed", "by"},   {"Distressed", "by"},  {"Cognizant", "of"},   {"Conscious", "of"},
    {"Encouraged", "by"}, {"Believing", "in"},  {"Highlighting", ""}, {"Heartened", "by"},
    {"Inspired", "by"},   {"Troubled", "by"},   {"Saddened", "by"},
};

const std::vector<AddedLead> kAddedOperativeLeads = {
    {"Acknowledges", ""}, {"Affirms", ""},  {"Approves", ""},   {"Authorizes", ""},
    {"Condemns", ""},     {"Deplores", ""}, {"Supports", ""},   {"Underlines", ""},
    {"Underscores", ""},  {"Recommends", ""}, {"Reiterates", ""}, {"Recalls", ""},
    {"Applauds", ""},     {"Salutes", ""},  {"Praises", ""},    {"Laments", ""},
    {"Regrets", ""},      {"Celebrates", ""}, {"Proclaims", ""}, {"Honours", ""},
    {"Heralds", ""},      {"Champions", ""},
};

const std::vector<std::string> kAddedSubjects = {
    "the restoration of coastal mangrove forests",
    "the digitization of library archives",
    "the reliability of civil aviation",
    "tax transparency in mining revenues",
    "the preservation of endangered languages",
    "maritime search and rescue",
    "glacier melt observations",
    "road traffic fatalities",
    "the eradication of polio",
    "microfinance for artisanal fishers",
    "open broadband networks",
    "desert locust swarms",
    "the conservation of migratory seabirds",
    "antimicrobial resistance in livestock",
    "space debris mitigation",
    "volcanic ash forecasting",
    "chess tournaments for schoolchildren",
    "museum loans of cultural artefacts",
    "public debt restructuring",
    "solar water pumps",
    "tsunami sirens on shorelines",
    "the translation of braille textbooks",
    "cross-border electricity grids",
    "heritage railways",
    "snakebite antivenom supplies",
    "marine plastic litter cleanup",
    "wildfire smoke alerts",
    "postal savings banks",
    "the census of coral reefs",
    "amateur radio volunteers",
    "seed vaults for heirloom crops",
    "the calibration of weather satellites",
    "noise pollution around airports",
    "copyright exceptions for visually impaired readers",
    "rabies vaccination of dogs",
    "the financing of geothermal plants",
    "wetland bird sanctuaries",
    "avalanche beacons on mountain passes",
    "lunar exploration treaties",
    "ferry inspections on inland waterways",
    "the chemistry olympiad",
    "counterfeit medicines",
    "soil erosion on hillside terraces",
    "silent film reels",
    "beekeeping cooperatives",
    "clean cookstoves",
    "typhoon shelters for harbour boats",
    "draught animals in farming",
    "spreadsheet software licences",
    "ocean acidification",
    "urban tree canopies",
    "meteorite catalogues",
    "fair trade coffee",
    "wind turbine blades",
    "the recycling of car batteries",
    "rail freight corridors",
    "dental clinics for prisoners",
    "kelp aquaculture",
    "honeybee pathogens",
    "the mapping of underwater cables",
    "lightning detection stations",
    "glass bottle deposits",
    "motorcycle helmet use",
    "the storage of grain harvests",
    "bilingual kindergartens",
    "cyclone-proof granaries",
    "the indexing of court rulings",
    "veterinary drug residues",
    "tidal energy prototypes",
    "hearing aids for toddlers",
    "paper mill effluents",
    "the insulation of school roofs",
};

const std::vector<std::string> kAddedQualifiers = {
    "along the Danube",
    "in mountainous provinces",
    "before the monsoon season",
    "across scattered archipelagos",
    "on small islands",
    "with municipal utilities",
    "via apprenticeships",
    "for landlocked economies",
    "during heatwaves",
    "around crater rims",
    "under tropical skies",
    "amid pastoralist households",
    "beyond the continental shelf",
    "inside river basins",
    "over the coming decade",
    "per village",
    "at altitude",
    "in arid zones",
    "on weekends",
    "in polar latitudes",
    "after floods",
    "in the Mekong delta",
    "around the Baltic Sea",
    "along caravan routes",
    "in frontier towns",
    "through citizen brigades",
    "with mobile kiosks",
    "for elderly pensioners",
    "in savannah grasslands",
    "near hydroelectric dams",
    "in cold chains",
    "by carrier pigeon",
    "on market days",
    "for nomadic herders",
    "in fjord settlements",
    "in alpine valleys",
    "in the Sahara",
    "on sandy atolls",
    "across the steppe",
    "for night-shift nurses",
    "in tenement blocks",
    "by rotating juries",
    "in lagoon hamlets",
    "on rooftops",
    "at customs checkpoints",
    "in monastery gardens",
    "for itinerant peddlers",
    "in estuary marshes",
    "with certified lifeguards",
    "around oases",
    "during winter holidays",
    "in cliffside dwellings",
    "along ancient pilgrim trails",
    "on floating platforms",
    "in tundra outposts",
    "with rickshaw drivers",
    "in maternity wards",
    "at bus terminals",
    "in salt flats",
    "for lighthouse keepers",
};

bool Avoids(std::string_view text, const std::set<std::string>& avoid) {
  for (const std::string& w : ContentWords(text)) {
    if (avoid.count(w)) return false;
  }
  return true;
}

std::string Fill(std::string frame, Rng& rng) {
  for (;;) {
    size_t a = frame.find("{A}");
    if (a != std::string::npos) {
      frame.replace(a, 3, rng.Pick(kActors));
      continue;
    }
    size_t o = frame.find("{O}");
    if (o != std::string::npos) {
      frame.replace(o, 3, rng.Pick(kObjects));
      continue;
    }
    return frame;
  }
}

}  // namespace

const std::vector<std::string>& Leads(LeadKind kind) {
  static const std::vector<std::string> kPreNoun = {
      "Reaffirming", "Welcoming", "Recognizing", "Bearing in mind", "Acknowledging",
      "Emphasizing", "Noting", "Taking note of", "Stressing", "Commending"};
  static const std::vector<std::string> kPreThat = {
      "Convinced", "Aware", "Mindful", "Deeply concerned", "Noting with concern",
      "Recognizing also", "Considering", "Noting with satisfaction"};
  static const std::vector<std::string> kOpActor = {"Calls upon", "Urges", "Encourages",
                                                    "Invites", "Appeals to"};
  static const std::vector<std::string> kOpNoun = {
      "Welcomes", "Notes with concern", "Takes note of", "Reaffirms", "Endorses",
      "Recognizes", "Emphasizes", "Expresses its appreciation for", "Commends",
      "Notes with appreciation", "Stresses"};
  // Verbs differ so that a swap is a change of stance under any lead convention.
  static const std::vector<std::string> kOpSelf = {"Requests the Secretary-General",
                                                   "Encourages the High Commissioner",
                                                   "Invites the Secretary-General"};
  static const std::vector<std::string> kNone;
  switch (kind) {
    case LeadKind::kPreNoun: return kPreNoun;
    case LeadKind::kPreThat: return kPreThat;
    case LeadKind::kOpActor: return kOpActor;
    case LeadKind::kOpNoun: return kOpNoun;
    case LeadKind::kOpSelf: return kOpSelf;
    case LeadKind::kFixed: return kNone;
  }
  return kNone;
}

std::string Body(const GPara& p) {
  std::string out;
  for (const std::string& part : p.parts) {
    if (!out.empty()) out += ", ";
    out += part;
  }
  return out;
}

std::string MakeQualifier(Rng& rng) { return rng.Pick(kQualifiers); }
const std::vector<std::string>& Adverbs() { return kAdverbs; }

GPara MakeParagraph(Rng& rng, Section section) {
  GPara p;
  p.section = section;
  if (section == Section::kPreamble) {
    p.kind = rng.Chance(0.6) ? LeadKind::kPreNoun : LeadKind::kPreThat;
  } else {
    static const std::vector<LeadKind> kOp = {LeadKind::kOpActor, LeadKind::kOpActor,
                                              LeadKind::kOpNoun, LeadKind::kOpNoun,
                                              LeadKind::kOpSelf};
    p.kind = rng.Pick(kOp);
  }
  p.lead = rng.Pick(Leads(p.kind));
  switch (p.kind) {
    case LeadKind::kPreThat:
      p.parts.push_back("that " + rng.Pick(kObjects) + " " + rng.Pick(kPredicates));
      break;
    case LeadKind::kOpActor:
      p.parts.push_back(rng.Pick(kActors) + " " + rng.Pick(kActions) + " " + rng.Pick(kObjects));
      break;
    case LeadKind::kOpSelf:
      p.parts.push_back(rng.Pick(kActions) + " " + rng.Pick(kObjects));
      break;
    default:
      p.parts.push_back(Fill(rng.Pick(kNounFrames), rng));
      break;
  }
  size_t qualifiers = 1 + rng.Uniform(3);
  while (p.parts.size() < qualifiers + 1) {
    std::string q = MakeQualifier(rng);
    bool dup = false;
    for (const std::string& s : p.parts) dup = dup || s == q;
    if (!dup) p.parts.push_back(q);
  }
  return p;
}

std::optional<GPara> MakeAddedParagraph(Rng& rng, Section section,
                                        const std::set<std::string>& avoid) {
  const std::vector<AddedLead>& all_leads =
      section == Section::kPreamble ? kAddedPreambleLeads : kAddedOperativeLeads;
  std::vector<AddedLead> leads;
  for (const AddedLead& l : all_leads) {
    if (Avoids(std::string(l.lead) + " " + l.connector, avoid)) leads.push_back(l);
  }
  std::vector<std::string> subjects, qualifiers;
  for (const std::string& s : kAddedSubjects) {
    if (Avoids(s, avoid)) subjects.push_back(s);
  }
  for (const std::string& q : kAddedQualifiers) {
    if (Avoids(q, avoid)) qualifiers.push_back(q);
  }
  if (leads.empty() || subjects.empty() || qualifiers.empty()) return std::nullopt;
  const AddedLead& lead = rng.Pick(leads);
  GPara p;
  p.section = section;
  p.kind = LeadKind::kFixed;  // a lead of another kind would not fit its connector
  p.lead = lead.lead;
  const std::string& subject = rng.Pick(subjects);
  p.parts.push_back(*lead.connector ? std::string(lead.connector) + " " + subject : subject);
  size_t first = rng.Uniform(qualifiers.size());
  p.parts.push_back(qualifiers[first]);
  if (qualifiers.size() >= 2 && rng.Chance(0.3)) {
    p.parts.push_back(qualifiers[(first + 1 + rng.Uniform(qualifiers.size() - 1)) % qualifiers.size()]);
  }
  return p;
}

// Every series gets a title of its own that no detection rule joins to another series' title:
// equal titles join, and so does a title that is another whole title plus words (a qualified
// title, SeriesHeadKeys), with numbers and "of", "in", "and"... not counted. So past the
// topics x regions of the plain titles, a title names two or more regions behind a lead that
// says how many ("Regional cooperation on ...", "Interregional cooperation on ..."), and no
// title begins with another's words: generated series stay apart as their truth says (up to
// about 500,000 series, where titles of four and more regions would share the last lead).
std::string MakeTitle(uint64_t series_index, Rng& rng) {
  (void)rng;
  const size_t t = kTopics.size(), r = kRegions.size();
  const size_t first = (series_index / t) % r;
  uint64_t rest = series_index / (t * r);
  if (rest == 0) return kTopics[series_index % t] + " " + kRegions[first];
  // rest - 1 numbers the ordered tuples of other regions, shortest first.
  uint64_t k = rest - 1;
  size_t extra = 1;
  for (uint64_t count = r - 1; k >= count && extra + 1 < r; count *= r - 1 - extra, ++extra) {
    k -= count;
  }
  std::vector<size_t> pool;
  for (size_t i = 0; i < r; ++i)
    if (i != first) pool.push_back(i);
  std::vector<size_t> regions{first};
  for (size_t e = 0; e < extra; ++e) {
    size_t radix = 1;
    for (size_t later = e + 1; later < extra; ++later) radix *= pool.size() - (later - e);
    const size_t pick = static_cast<size_t>((k / radix) % pool.size());
    k %= radix;
    regions.push_back(pool[pick]);
    pool.erase(pool.begin() + static_cast<long>(pick));
  }
  static const char* const kLeads[] = {"Regional cooperation on ", "Interregional cooperation on ",
                                       "Wider interregional cooperation on "};
  std::string title = std::string(kLeads[std::min<size_t>(extra, 3) - 1]) +
                      LowerFirst(kTopics[series_index % t]) + " in ";
  for (size_t i = 0; i < regions.size(); ++i) {
    if (i > 0) title += i + 1 == regions.size() ? " and " : ", ";
    title += kRegions[regions[i]].substr(3);  // without "in "
  }
  return title;
}

}  // namespace recital::gen::internal
