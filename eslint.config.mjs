import { config } from '@n8n/node-cli/eslint';

// `npm run dev` keeps its n8n (with n8n's own built front-end) in .n8n-dev: not this package's code.
export default [{ ignores: ['.n8n-dev/**'] }, ...config];
