/**
 * The REST routes an app declares, read from its Express router at run time (routes declared in
 * loops included), with the prefixes its routers are mounted at.
 */
export interface DeclaredRoute {
  method: string;
  path: string;
}

interface Layer {
  route?: { path: string; methods: Record<string, boolean> };
  handle?: { stack?: Layer[] };
  match(path: string): unknown;
}

/** Prefixes a router may be mounted at; a router under any other fails loudly. */
const MOUNTS = ["/api", "/auth"];

export function declaredRoutes(app: unknown): DeclaredRoute[] {
  const out = new Map<string, DeclaredRoute>();
  const walk = (stack: Layer[], prefix: string) => {
    for (const layer of stack) {
      if (layer.route) {
        if (typeof layer.route.path !== "string") continue;
        for (const m of Object.keys(layer.route.methods)) {
          if (m === "_all") continue;
          const route = { method: m.toUpperCase(), path: `${prefix}${layer.route.path}` };
          out.set(`${route.method} ${route.path}`, route);
        }
      } else if (layer.handle?.stack) {
        // A router is mounted at "/" or at one literal prefix; find which by asking it.
        const mount = layer.match("/zz-probe") ? "" : MOUNTS.find((p) => layer.match(`${p}/zz-probe`));
        if (mount === undefined) throw new Error(`a router under ${prefix || "/"} is mounted at a prefix not in MOUNTS`);
        walk(layer.handle.stack, prefix + mount);
      }
    }
  };
  walk((app as { router: { stack: Layer[] } }).router.stack, "");
  return [...out.values()];
}
