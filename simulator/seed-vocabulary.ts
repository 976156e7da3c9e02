// Word lists for generated readers: mostly Indian (ConsCent's main market), some
// international, including diacritics and apostrophes that a console must display and
// send back unchanged.

// prettier-ignore
export const INDIAN_FEMALE_NAMES = [
  'Aanya', 'Aditi', 'Ananya', 'Anjali', 'Deepika', 'Divya', 'Fatima', 'Gauri', 'Ishita', 'Kavya',
  'Lakshmi', 'Meera', 'Neha', 'Nisha', 'Pooja', 'Priya', 'Radhika', 'Riya', 'Sana', 'Shreya',
  'Sneha', 'Tanvi', 'Vaishnavi', 'Zoya', 'Harpreet', 'Sunita', 'Bhavana', 'Lavanya',
] as const;

// prettier-ignore
export const INDIAN_MALE_NAMES = [
  'Aarav', 'Abhishek', 'Aditya', 'Amit', 'Arjun', 'Ayaan', 'Deepak', 'Farhan', 'Gaurav', 'Harsh',
  'Ishaan', 'Karan', 'Manish', 'Mohammed', 'Nikhil', 'Rahul', 'Rajesh', 'Rohan', 'Sahil', 'Sanjay',
  'Shivam', 'Siddharth', 'Suresh', 'Varun', 'Vikram', 'Vivek', 'Gurpreet', 'Venkatesh',
] as const;

// prettier-ignore
export const INDIAN_SURNAMES = [
  'Agarwal', 'Banerjee', 'Bhat', 'Chatterjee', 'Das', 'Desai', 'Dubey', 'Gupta', 'Iyer', 'Jain',
  'Joshi', 'Kapoor', 'Khan', 'Kumar', 'Menon', 'Mishra', 'Nair', 'Patel', 'Pillai', 'Rao',
  'Reddy', 'Shah', 'Sharma', 'Singh', 'Sinha', 'Srinivasan', 'Verma', 'Yadav', 'Mukherjee', 'Qureshi',
] as const;

// prettier-ignore
export const INTERNATIONAL_FEMALE_NAMES = [
  'Amélie', 'Chloé', 'Emma', 'Hannah', 'Isabella', 'Mei', 'Olivia', 'Sofía', 'Yuki', 'Zoë', 'Aisha', 'Ingrid',
] as const;

// prettier-ignore
export const INTERNATIONAL_MALE_NAMES = [
  'Ahmed', 'Björn', 'Daniel', 'Hiroshi', 'James', 'José', 'Liam', 'Lucas', 'Noah', 'Søren', 'Wei', 'Omar',
] as const;

// prettier-ignore
export const INTERNATIONAL_SURNAMES = [
  'Anderson', 'Brown', 'Chen', 'García', 'Hansen', 'Kim', 'Müller', "O'Brien", 'Rossi', 'Smith',
  'Tanaka', 'Williams', 'Al-Farsi', 'Nguyen', 'Dubois', 'Kowalski',
] as const;

// prettier-ignore
export const EMAIL_DOMAINS = ['example.com', 'example.in', 'example.org', 'mail.example.net', 'inbox.example.co.in'] as const;

export interface Place {
  city: string;
  state: string;
  country: string;
  /** Country as the details endpoint's top-level `country` shows it. */
  countryName: string;
  countryCode: string;
  /** Local number length, without the country code. */
  phoneDigits: number;
  /** Allowed first digits of a local number. */
  phoneStarts: string;
  pincode: (n: () => number) => string;
  areas: readonly string[];
}

const digits = (count: number) => (n: () => number) =>
  Array.from({ length: count }, (_, i) => String(i === 0 ? 1 + Math.floor(n() * 9) : Math.floor(n() * 10))).join('');

const INDIA = { country: 'India', countryName: 'India', countryCode: '+91', phoneDigits: 10, phoneStarts: '6789', pincode: digits(6) };

// prettier-ignore
export const INDIAN_PLACES: readonly Place[] = [
  { ...INDIA, city: 'Mumbai', state: 'Maharashtra', areas: ['Andheri West', 'Bandra East', 'Powai', 'Dadar'] },
  { ...INDIA, city: 'Pune', state: 'Maharashtra', areas: ['Kothrud', 'Viman Nagar', 'Baner'] },
  { ...INDIA, city: 'New Delhi', state: 'Delhi', areas: ['Saket', 'Lajpat Nagar', 'Dwarka Sector 10'] },
  { ...INDIA, city: 'Bengaluru', state: 'Karnataka', areas: ['Indiranagar', 'Koramangala', 'Whitefield'] },
  { ...INDIA, city: 'Chennai', state: 'Tamil Nadu', areas: ['Adyar', 'T. Nagar', 'Velachery'] },
  { ...INDIA, city: 'Kolkata', state: 'West Bengal', areas: ['Salt Lake', 'Ballygunge', 'New Town'] },
  { ...INDIA, city: 'Hyderabad', state: 'Telangana', areas: ['Banjara Hills', 'Gachibowli', 'Kukatpally'] },
  { ...INDIA, city: 'Agra', state: 'UP', areas: ['Rambagh', 'Kamla Nagar', 'Sikandra'] },
  { ...INDIA, city: 'Lucknow', state: 'Uttar Pradesh', areas: ['Gomti Nagar', 'Hazratganj'] },
  { ...INDIA, city: 'Jaipur', state: 'Rajasthan', areas: ['Malviya Nagar', 'Vaishali Nagar'] },
  { ...INDIA, city: 'Kochi', state: 'Kerala', areas: ['Kakkanad', 'Edappally'] },
  { ...INDIA, city: 'Ahmedabad', state: 'Gujarat', areas: ['Navrangpura', 'Satellite'] },
];

// prettier-ignore
export const INTERNATIONAL_PLACES: readonly Place[] = [
  {
    city: 'London', state: 'England', country: 'United Kingdom', countryName: 'United Kingdom', countryCode: '+44',
    phoneDigits: 10, phoneStarts: '7', areas: ['Camden', 'Islington', 'Southwark'],
    pincode: (n) => `${['SW1A', 'N1', 'SE1', 'NW1'][Math.floor(n() * 4)]} ${Math.floor(n() * 9) + 1}AA`,
  },
  {
    city: 'New York', state: 'NY', country: 'USA', countryName: 'United States', countryCode: '+1',
    phoneDigits: 10, phoneStarts: '23456789', areas: ['Brooklyn', 'Queens', 'Manhattan'], pincode: digits(5),
  },
  {
    city: 'Dubai', state: 'Dubai', country: 'United Arab Emirates', countryName: 'United Arab Emirates',
    countryCode: '+971', phoneDigits: 9, phoneStarts: '5', areas: ['Jumeirah', 'Deira', 'Al Barsha'], pincode: () => '',
  },
  {
    city: 'Singapore', state: 'Singapore', country: 'Singapore', countryName: 'Singapore', countryCode: '+65',
    phoneDigits: 8, phoneStarts: '89', areas: ['Tampines', 'Bukit Timah'], pincode: digits(6),
  },
  {
    city: 'Sydney', state: 'NSW', country: 'Australia', countryName: 'Australia', countryCode: '+61',
    phoneDigits: 9, phoneStarts: '4', areas: ['Parramatta', 'Bondi'], pincode: digits(4),
  },
  {
    city: 'Toronto', state: 'Ontario', country: 'Canada', countryName: 'Canada', countryCode: '+1',
    phoneDigits: 10, phoneStarts: '23456789', areas: ['Scarborough', 'North York'],
    pincode: (n) => `M${Math.floor(n() * 9) + 1}V ${Math.floor(n() * 9) + 1}T${Math.floor(n() * 9) + 1}`,
  },
];

// prettier-ignore
export const APARTMENT_STYLES = [
  (n: number) => `Flat ${n}B, Sunshine Apartments`,
  (n: number) => `${n}/41 Rambagh`,
  (n: number) => `House No. ${n}, Lane 4`,
  (n: number) => `${n} Park Street`,
  (n: number) => `Apt ${n}, Green Towers`,
  (n: number) => `Plot ${n}, Sector 21`,
] as const;

// prettier-ignore
export const LANDMARKS = ['', '', 'Near City Mall', 'Opp. Central Park', 'Behind Metro Station', 'Next to SBI Bank'] as const;

// prettier-ignore
export const ADDRESS_LABELS = ['', '', 'Home', 'Office'] as const;
