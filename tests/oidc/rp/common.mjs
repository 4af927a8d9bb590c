// What both relying-party scripts share: reading their settings, and turning what a library
// threw into a small JSON fact the Rust test can assert on.

export function env(name, fallback) {
  const v = process.env[name];
  if (v === undefined || v === '') {
    if (fallback !== undefined) return fallback;
    console.error(`${name} is required`);
    process.exit(2);
  }
  return v;
}

// The OAuth error a library reports, whichever of its error classes it used: a token
// endpoint's `{"error"}` body, an authorization response's `error`, or a `WWW-Authenticate`
// challenge's `error` parameter.
export function failure(e) {
  const challenge = Array.isArray(e?.cause) ? e.cause[0] : undefined;
  return {
    refused: true,
    name: e?.name,
    code: e?.code,
    error: e?.error ?? challenge?.parameters?.error ?? e?.cause?.error,
    status: e?.status ?? e?.response?.status,
    message: String(e?.message ?? e),
    // openid-client wraps oauth4webapi's error, whose message is the precise one.
    cause: e?.cause instanceof Error ? e.cause.message : undefined,
  };
}

// Runs `f`; what it returns, or the refusal it threw.
export async function attempt(f) {
  try {
    return { refused: false, value: await f() };
  } catch (e) {
    return failure(e);
  }
}

// Prints the one JSON object the Rust test reads, or the error that stopped the script (exit 1).
export async function report(main) {
  try {
    const out = await main();
    process.stdout.write(`${JSON.stringify(out)}\n`);
  } catch (e) {
    process.stdout.write(`${JSON.stringify({ fatal: failure(e), stack: String(e?.stack ?? '') })}\n`);
    process.exitCode = 1;
  }
}
