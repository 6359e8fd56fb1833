import type { Me } from '@attest/core';
import { createContext } from '@lit/context';
import type { ApiClient } from './client.ts';

/** The API client every page uses; provided once by <attest-app> so tests can swap it. */
export const apiClientContext = createContext<ApiClient>(Symbol('attest-api-client'));

/** Who is signed in and their project roles; undefined until known or when signed out. */
export const currentUserContext = createContext<Me | undefined>(Symbol('attest-current-user'));
