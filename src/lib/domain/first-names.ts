/**
 * Common first names in England and Wales (ONS baby-name lists across the decades, and
 * names common in the communities a review may concern), used only to suggest likely
 * names of people missing from the pseudonym register. A suggestion, never a verdict:
 * the chair can mark any finding "Not identifying".
 */
const names = `
Aaliyah Aaron Abbie Abby Abdul Abdullah Abigail Adam Adrian Ahmed Aidan Aimee Aisha Alan Albert Alex Alexander Alexandra Alfie Ali Alice Alicia Alison Allan
Amanda Amelia Amina Amir Amy Andrea Andrew Andy Angela Anita Ann Anna Anne Annie Anthony Antonio Archie Arjun Arthur Asha Ashley Asif Aysha Barbara Barry
Beatrice Becky Ben Benjamin Bernard Beth Bethany Betty Beverley Billy Bradley Brandon Brenda Brian Bridget Brooke Bryony Callum Cameron Carl Carly Carol Caroline Carolyn
Catherine Charlie Charlotte Chelsea Cheryl Chloe Chris Christina Christine Christopher Claire Clare Colin Connor Craig Daisy Dale Damian Daniel Danielle Danny Darren Dave
David Dean Debbie Deborah Declan Denise Dennis Derek Diana Diane Dominic Donna Dorothy Douglas Duncan Dylan Eddie Edward Elaine Eleanor Elizabeth Ella Ellie Elliot Emily
Emma Eric Erin Ethan Eve Evie Fatima Fiona Frances Francesca Freddie Freya Gail Gareth Gary Gavin Gemma George Georgia Gerald Geoffrey Gillian Glen Gordon Graham
Gurpreet Hannah Harjit Harry Harvey Hassan Hayley Hazel Heather Helen Henry Hollie Holly Hugh Hussein Ian Imran Imogen Irene Isaac Isabel Isabella Isla Ivan Jack
Jacob Jacqueline Jade Jake James Jamie Jane Janet Janice Jasmine Jason Jasmin Jayden Jean Jeffrey Jennifer Jenny Jeremy Jessica Jill Joan Joanna Joanne Jodie Joe Joel
John Jonathan Jordan Joseph Josephine Joshua Joyce Judith Julia Julie Justin Kamal Karen Kate Katherine Kathleen Katie Kayleigh Keith Kelly Kenneth Kerry Kevin Khadija
Kieran Kim Kirsty Kyle Laura Lauren Leah Lee Leon Leanne Lesley Leslie Lewis Liam Lily Linda Lindsay Lisa Logan Lorraine Louis Louise Lucy Luke Lydia Lynn Lynne
Maisie Malcolm Mandy Margaret Maria Marie Marion Martin Mary Matthew Maureen Max Megan Melanie Melissa Michael Michelle Mohammed Mohammad Muhammad Molly Nadia Naomi Natalie
Nathan Neil Nicholas Nicola Nicole Nigel Noah Norman Oliver Olivia Oscar Owen Paige Pamela Patricia Patrick Paul Paula Pauline Peter Philip Phillip Poppy Priya Rachel
Rachael Rajesh Rebecca Reece Rhys Richard Robert Robin Roger Ronald Rosie Ross Ruby Rukhsana Ryan Sadia Sally Samantha Samuel Sandra Sara Sarah Scott Sean Shabana Shane
Shannon Sharon Shaun Sheila Shirley Simon Sonia Sophie Stacey Stanley Stephanie Stephen Steven Stuart Susan Suzanne Tanya Tara Teresa Terence Terry Thomas Timothy Tina
Toby Tom Tommy Tony Tracey Tracy Trevor Tyler Valerie Vanessa Vicky Victoria Vincent Wayne Wendy William Yasmin Yvonne Zain Zainab Zara Zoe Agnieszka Tomasz Katarzyna
Piotr Marta Oksana Olena Andrzej Ewa Darius Dariusz Kwame Abena Chidi Ngozi Tunde Blessing Precious Mercy Deepak Sunita Anil Sanjay Parveen Nasreen Bilal Usman Tariq
Kayden Riley Ashleigh Courtney Demi Jodie Lacey Leanne Marcus Jermaine Tyrone Darnell Keisha Shanice Tanisha Kelsey Jessie Lola Mia Harriet Rhiannon Cerys Dafydd Siobhan
Niamh Aoife Ciaran Connor Eamon Fergus Kirsty Morag Hamish Iain Ewan Craig Fraser Lachlan Rory Stacy Stacie Leigh Gemma Jolene Roxanne Shelley Sian Tegan Ffion
`;

/** First names that are also ordinary capitalised words (months, verbs, virtues): counted only with a surname. */
const ambiguous = `May June April August Will Mark Bill Pat Sue Dawn Grace Hope Faith Joy Rose Amber Jack Frank Guy Ray Rich Drew Bob Art Carol Holly Ruby Summer Autumn
Chase Hunter Max Sky Crystal Faye Iris Jade Jasmine Ivy Violet Daisy Poppy Lily Robin Hazel Heather Kim Lee Dean Glen Gail Jean Brook Brooke Cliff Norman Stanley Christian`;

export const ambiguousFirstNames: ReadonlySet<string> = new Set(ambiguous.split(/\s+/).filter(Boolean));
export const firstNames: ReadonlySet<string> = new Set([...names.split(/\s+/), ...ambiguousFirstNames].filter(Boolean));
