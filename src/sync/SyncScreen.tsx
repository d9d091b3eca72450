import { Coming } from '../ui/Coming';

export function SyncScreen() {
  return <Coming title="nav.sync" />;
}
