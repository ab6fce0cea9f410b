/**
 * The server tests' kit: one way to make signed-in users, workspaces with members in roles, and
 * documents from the shared article fixtures (tests/fixtures/deterrence.ts, grain-corridor.ts;
 * a roster with names in tests/fixtures/desk.ts), over either transport.
 *
 * In-process app, Supertest (most REST tests). The test app is itself a transport:
 *   const t = await buildTestApp();                      // afterAll: t.close()
 *   const world = await buildWorld(t, { members: { Ana: "analyst", Eve: "editor" } });
 *   await world.users.Ana.post(`/api/documents/${world.documentId}/annotations`, { … });   // a Supertest request
 *   const stranger = await t.signUp();                   // one more account, member of nothing
 *
 * Listening server, fetch and sockets (realtime tests). So is the test server:
 *   const server = await startTestServer();              // port 0; afterAll: server.stop()
 *   const world = await buildWorld(server, { members: { Ana: "analyst" }, document: { article: DETERRENCE, format: "md" } });
 *   const socket = world.users.Ana.connect(); await connected(socket);
 *   await world.users.Ana.ok("POST", "/api/…", body);    // parsed JSON, or throws naming the status
 *
 * A node process or any other URL: `httpTransport(url)`; an Express app built elsewhere:
 * `appTransport(app)`. Then `createWorkspace`, `addMember` and `importDocument` for other shapes,
 * `world.anchor("quoted words")` for an anchor on the text, `eventually(() => expect(…))` to wait
 * for a condition instead of sleeping, and `openJoined`, `mutate` and `DocumentFeed` for a
 * socket joined to a document, following its events in order.
 */
export { TEST_PASSWORD, uniqueEmail, type Client, type Method, type Role, type SignUpOptions, type Transport } from "./client.ts";
export { AppClient, appTransport } from "./app-client.ts";
export { HttpClient, httpTransport, describeCall, type Answer, type Call, type ConnectOptions, type HttpClientOptions } from "./http-client.ts";
export { connected, disconnected, handshake, openSocket, type ClientSocket, type Handshake } from "./sockets.ts";
export { addMember, anchorOn, buildWorld, createWorkspace, importDocument, type Anchor, type DocumentSource, type ImportedDocument, type MemberSpec, type Paragraph, type World, type WorldOptions } from "./world.ts";
export { eventually, pause } from "./eventually.ts";
export { DocumentFeed, mutate, openJoined } from "./realtime-client.ts";
export { TEST_ORIGIN } from "./origin.ts";
export { buildTestApp, type TestApp } from "./test-app.ts";
export { startTestServer, type TestServer } from "./test-server.ts";
