export default function PlatformSheet() {
  return <h1>PlatformSheet</h1>;
}
