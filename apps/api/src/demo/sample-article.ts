// A short article written for Attest's demo project, in the style of a wire report that relays
// state media. Every name, date and event in it is invented.
export const sampleArticle = {
  title: 'N. Korea says it tested engine for new space launcher',
  outlet: 'Attest sample wire',
  publishedAt: '2026-03-12T09:30:00+09:00',
  body: `(LEAD) N. Korea says it tested engine for new space launcher

SEOUL, March 12 (Attest Wire) -- North Korea said Thursday it had conducted a ground test of a high-thrust engine for a new space launch vehicle, calling the test "a decisive step" toward putting more reconnaissance satellites into orbit.

The test took place Wednesday at the Sohae Satellite Launching Ground in the country's northwest, the official Korean Central News Agency (KCNA) said.

It added that the engine burned for the planned duration and that all of its parameters were confirmed to be "reliable."

South Korea's Joint Chiefs of Staff (JCS) said it had detected signs of the engine test and was sharing related information with the United States.

Analysts said the test is likely aimed at readying a launch within months, and that the engine could also be used for long-range missiles.

The North launched its first military reconnaissance satellite in November 2023 after two failed attempts.

Source: Attest sample wire

(END)
`,
};
