// The generated TypeScript client (its compiled dist/, through the package's own name) against a
// running Portcullis started with `--dev` (its mailbox at /dev/mail gives the verification
// link): PORTCULLIS_URL names it, e.g.
// `PORTCULLIS_URL=http://127.0.0.1:8080 node --test sdk/typescript/test/`.
//
// One account goes the whole way: register, verify, log in (bearer), read and update the
// profile, refresh, log out; and a wrong password is a typed error with the JSON error body.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { test } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';

import {
  getUser,
  login,
  logout,
  operationsDevMail,
  refresh,
  register,
  updateUser,
  verifyEmail,
} from '@portcullis/client';
import { createClient, createConfig } from '@portcullis/client/client';

const PASSWORD = 'correct horse battery';
const baseUrl = process.env.PORTCULLIS_URL;
const skip = baseUrl ? false : 'set PORTCULLIS_URL to a Portcullis started with --dev';

/** A client of the server; with `token`, every call that takes a bearer token sends it. */
const clientFor = (token) => createClient(createConfig({ baseUrl, auth: token }));

const unique = () => randomUUID().replaceAll('-', '').slice(0, 12);

/** The token of the verification link mailed to `email` (mail is queued after the answer). */
async function verificationToken(client, email) {
  for (let i = 0; i < 100; i++) {
    const { data } = await operationsDevMail({ client, query: { to: email }, throwOnError: true });
    for (const mail of [...data.messages].reverse()) {
      const found = /[?&]token=([A-Za-z0-9_-]+)/.exec(mail.text);
      if (mail.subject.includes('Confirm') && found) return found[1];
    }
    await sleep(50);
  }
  assert.fail(`no verification mail to ${email}`);
}

test('an account registers, verifies, logs in, updates, refreshes and logs out', { skip }, async () => {
  const anyone = clientFor();
  const email = `ts-${unique()}@example.com`;

  const made = await register({ client: anyone, body: { email, password: PASSWORD }, throwOnError: true });
  assert.equal(made.response.status, 201);
  assert.equal(made.data.user.email, email);
  assert.equal(made.data.user.email_verified, false);

  const token = await verificationToken(anyone, email);
  await verifyEmail({ client: anyone, body: { token }, throwOnError: true });

  const session = await login({ client: anyone, body: { email, password: PASSWORD }, throwOnError: true });
  assert.equal(session.data.token_type.toLowerCase(), 'bearer');
  const me = clientFor(session.data.access_token);

  const current = await getUser({ client: me, throwOnError: true });
  assert.equal(current.data.user.email, email);
  assert.equal(current.data.user.email_verified, true);

  const username = `ts_${unique()}`;
  const updated = await updateUser({ client: me, body: { username }, throwOnError: true });
  assert.equal(updated.data.user.username, username);
  assert.equal((await getUser({ client: me, throwOnError: true })).data.user.username, username);

  const rotated = await refresh({
    client: anyone,
    body: { refresh_token: session.data.refresh_token },
    throwOnError: true,
  });
  assert.notEqual(rotated.data.refresh_token, session.data.refresh_token);
  const fresh = clientFor(rotated.data.access_token);
  assert.equal((await getUser({ client: fresh, throwOnError: true })).data.user.email, email);

  await logout({ client: fresh, throwOnError: true });
  const after = await getUser({ client: fresh });
  assert.equal(after.response.status, 401);
  assert.equal(after.data, undefined);
  assert.equal(typeof after.error.code, 'string');
});

test('a wrong password is a typed error with the JSON error body', { skip }, async () => {
  const anyone = clientFor();
  const email = `ts-${unique()}@example.com`;
  await register({ client: anyone, body: { email, password: PASSWORD }, throwOnError: true });

  const refused = await login({ client: anyone, body: { email, password: 'not the password at all' } });
  assert.equal(refused.response.status, 401);
  assert.equal(refused.data, undefined);
  assert.equal(refused.error.code, 'invalid_credentials');
  assert.ok(refused.error.message);

  // With throwOnError the same body is what is thrown.
  await assert.rejects(
    login({ client: anyone, body: { email, password: 'not the password at all' }, throwOnError: true }),
    (error) => error.code === 'invalid_credentials' && typeof error.message === 'string',
  );
});
