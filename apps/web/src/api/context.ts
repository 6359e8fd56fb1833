import { createContext } from '@lit/context';
import type { ApiClient } from './client.ts';

/** The API client every page uses; provided once by <attest-app> so tests can swap it. */
export const apiClientContext = createContext<ApiClient>(Symbol('attest-api-client'));
