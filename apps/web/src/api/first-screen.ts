// What the annotate view asks for with a document: a screenful of sentences, quick however long
// the document is, without the document's text (each sentence carries its own). Shared by the
// page and by the requests started before the app's code runs (first-screen-requests.ts).

/** Sentences asked for with the document: more than a screen holds. */
export const firstSentenceCount = 100;

export const firstScreenDocumentParts = { sentenceLimit: firstSentenceCount, withBody: false } as const;
