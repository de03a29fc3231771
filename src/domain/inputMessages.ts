// Messages that tell a missing field from a wrong one: valibot gives a field its own type message only when the key
// is there, so cloud/services/validate re-reads a missing key as undefined and this says 缺少/请填写.
export const typeMessage =
  (missing: string, wrong: string) =>
  (issue: { received: string }): string =>
    issue.received === 'undefined' ? missing : wrong
