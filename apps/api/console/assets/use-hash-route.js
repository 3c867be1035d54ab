import { useEffect, useState } from '../vendor/hooks.mjs';

const ROUTES = [
  { name: 'vm', pattern: /^#\/vms\/([^/]+)$/ },
  { name: 'operation', pattern: /^#\/operations\/([^/]+)$/ },
];

function parse(hash) {
  for (const { name, pattern } of ROUTES) {
    const match = pattern.exec(hash);
    if (match) return { name, id: decodeURIComponent(match[1]) };
  }
  return { name: 'overview' };
}

/** `#/vms/<id>`, `#/operations/<id>`, anything else is the overview. */
export function useHashRoute() {
  const [route, setRoute] = useState(() => parse(location.hash));
  useEffect(() => {
    const update = () => setRoute(parse(location.hash));
    addEventListener('hashchange', update);
    return () => removeEventListener('hashchange', update);
  }, []);
  return route;
}
