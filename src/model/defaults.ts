// Values stack.yaml leaves out, in one place: the loader fills them in, and readers that must tell a
// default from a written value (a volume's size, an environment without a domain) compare with them.

/** The environment of a stack that declares none. */
export const DEFAULT_ENVIRONMENT = 'development';
export const HEALTHCHECK_DEFAULTS = { interval: '30s', timeout: '5s', retries: 3, start_period: '0s' };
export const DEFAULT_STORAGE = '1Gi';
/** The domain of an environment that declares none. */
export const LOCAL_DOMAIN = 'localhost';
