import type { DocumentDetail, ImportResult } from '@attest/core';
import { it } from 'vitest';
import { createTestApp, jsonRequest } from './helpers.ts';

it('probe', async () => {
  const testApp = await createTestApp();
  for (const count of [1000, 20000]) {
    const body = Array.from({ length: count }, (_, i) => `Kim said ${i}.`).join(' ');
    let t = performance.now();
    const r = await testApp.owner.request('/api/projects/demo/documents', jsonRequest('POST', { body }));
    const { document } = (await r.json()) as ImportResult;
    console.log(count, 'import', performance.now() - t, r.status);
    const detail = (await (
      await testApp.owner.request(`/api/documents/${document.id}?sentenceLimit=5`)
    ).json()) as DocumentDetail;
    const s = detail.sentences[1]!;
    t = performance.now();
    const sp = await testApp.owner.request(
      `/api/sentences/${s.id}/split`,
      jsonRequest('POST', { at: s.start + 4 }),
    );
    console.log(count, 'split', performance.now() - t, sp.status);
    t = performance.now();
    const mp = await testApp.owner.request(`/api/sentences/${s.id}/merge-next`, { method: 'POST' });
    console.log(count, 'merge', performance.now() - t, mp.status);
  }
}, 600000);
