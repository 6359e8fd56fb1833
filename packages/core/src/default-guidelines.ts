// The guidelines every new project starts with (Markdown); owners edit them per project.
// Kept identical to the design's GUIDELINES.md (a core test compares them when it is present).
export const defaultGuidelines = `# Provenance annotation guidelines (default project guidelines)

Tag every sentence with the origin of what it asserts. Ask: *who stands behind this content?*

## KCNA claim — \`kcna_claim\`
The content is asserted by North Korean state media or by a North Korean official speaking
through them: the Korean Central News Agency (KCNA), the Rodong Sinmun, Korean Central
Television (KCTV), "state media", "the North's official news agency", a statement "carried by"
them. The attribution may sit in the sentence ("…, the KCNA said.", "According to the KCNA, …")
or in the sentence before it, carried on by "It added", "she said", "the agency", "the paper",
or by a continuing account of the same event.

- "The KCNA said the talks ended with "complete agreement" on every item discussed."
- "It added that the visit would open "a new chapter" in relations between the two countries."
  (continues the KCNA report of the previous sentence)

A sentence *about* state media that asserts nothing on its behalf is not a KCNA claim:
"The KCNA website could not be reached for several hours on Monday." is a reported fact.

## Observer inference — \`observer_inference\`
Interpretation, speculation, assessment or forecast: by observers, analysts, experts,
intelligence services, officials, or the reporter. Cues: *apparently, appears to, likely, may,
could, is expected to, is believed to, raised speculation, seen as, aims to*, and verbs of
opinion (*believe, doubt, expect*).

- "The visit has fuelled speculation that the two sides may have discussed arms deliveries."
- "The North is expected to stage a military parade later this month."

## Reported fact — \`reported_fact\`
Stated as fact by the outlet, or attributed to a non-North-Korean source that reports an event
rather than judges it (South Korea's military, a ministry, a central bank), without hedging.
Background facts belong here.

- "The delegation, led by the country's defense minister, arrived in Pyongyang on Tuesday."
- "North Korea fired two cruise missiles off its west coast early Monday, South Korea's Joint
  Chiefs of Staff (JCS) said."

## Mixed sentences
Label what the main clause asserts. When a sentence reports a state-media account and adds
the reporter's reading of it, prefer the label of the part that carries the news, and add a
note. Record the **source** (e.g. "KCNA", "JCS", "observers") and mark the **cue** words
(e.g. "the KCNA said", "apparently") whenever they exist: reviewers rely on them.

## Not annotated
Boilerplate such as "Source: Yonhap News Agency", "(END)", "scroll to top" and reporter
e-mail addresses. Headlines are annotated like sentences.
`;
