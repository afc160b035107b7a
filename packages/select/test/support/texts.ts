/** Two kinds of text the demo LM knows (it was trained on Moby-Dick and State of the Union addresses). */
export const SEA = [
  'Call me Ishmael. Some years ago I thought I would sail about a little and see the watery part of the world.',
  'The whale rose from the sea and the harpooneers stood ready in the boats.',
  'Queequeg threw his harpoon at the whale, and the line ran out over the bow of the boat.',
  'The Pequod sailed on through the long night, her sails full and her deck wet with spray.',
  'Captain Ahab stood upon the quarter-deck and looked out over the sea for the white whale.',
  'The sperm whale spouted and the crew pulled at their oars with all their might.',
  'In the forecastle the sailors sang of the ship, the sea and the whales they had killed.',
  'Starbuck watched the ocean; the whale boats were lowered and the chase began.',
];

export const CONGRESS = [
  'Mr. Speaker, I come before you tonight to report on the state of the Union.',
  'We must ask the Congress to act on taxes, on trade and on the budget of the Government.',
  'The economy of the United States is strong, and our people are working.',
  'I urge the Congress to pass legislation for the education of our children and the health of our families.',
  'The Government of the United States shall protect the rights of every American citizen.',
  'Our foreign policy must secure the peace and the prosperity of the Nation.',
  'The Secretary of the Treasury reports that the revenues of the Government exceeded expenditures.',
  'I recommend to the Congress a reform of the laws on tariffs and the public debt.',
];
