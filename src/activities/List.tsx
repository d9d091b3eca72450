import { Coming } from '../ui/Coming';

export function ActivityList() {
  return <Coming title="nav.activities" />;
}
