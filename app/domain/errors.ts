/** A problem with what a person gave us: the message is theirs to read, in Vietnamese. */
export class UserInputError extends Error {
  readonly problems: string[];
  constructor(problems: string[] | string) {
    const list = Array.isArray(problems) ? problems : [problems];
    super(list.join("\n"));
    this.name = "UserInputError";
    this.problems = list;
  }
}
