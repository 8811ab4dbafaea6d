/** The FactDesk error code a promise rejects with, or 'resolved'. */
export async function errorCode(p: Promise<unknown>): Promise<string> {
  try {
    await p;
  } catch (e) {
    return (e as { code?: string }).code ?? String(e);
  }
  return 'resolved';
}
