export function LocationSettings() {
  return null;
}
