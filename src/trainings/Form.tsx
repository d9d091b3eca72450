import { Coming } from '../ui/Coming';

export function TrainingForm() {
  return <Coming title="nav.trainings" />;
}
