// @hey-api/openapi-ts's settings (sdk/generate.sh runs it): a fetch client bundled into the
// output (no runtime dependency), the types and one function per operation.
export default {
  input: process.env.PORTCULLIS_SDK_DOCUMENT,
  output: { path: 'src', importFileExtension: '.js' },
  plugins: [
    { name: '@hey-api/client-fetch', includeInEntry: true },
    '@hey-api/typescript',
    '@hey-api/sdk',
  ],
};
