/** The setup sections (organisation, behaviour, revenue, payments, rounding and tracking, clinics). */
export function SetupPage() {
  return <p className="muted">Setup is being built.</p>;
}
