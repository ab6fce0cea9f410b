/**
 * The public origin every test server is configured with. Clients that speak raw HTTP send it
 * as their Origin header, as a browser on the app's own page would.
 */
export const TEST_ORIGIN = "http://localhost:3000";
