// Entry point: first asks for what the opened page shows (before the rest of the code runs),
// then defines every element; <attest-app> in index.html takes it from there.
import './first-screen-requests.ts';
import './components/attest-app.ts';
