// Entry point: defines every element; <attest-app> in index.html takes it from there.
import './components/attest-app.ts';
