// The page's Content-Security-Policy, shared by `vite preview` and the end-to-end tests' server.
// No inline scripts and no eval: Embind is built with -sDYNAMIC_EXECUTION=0, and WebAssembly
// compilation needs only 'wasm-unsafe-eval'.
export default [
  "default-src 'self'",
  "script-src 'self' 'wasm-unsafe-eval'",
  "worker-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'none'",
].join('; ');
