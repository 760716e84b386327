// Package number finds number expressions in news text: "more than 10,000
// emails", "seven alleged hackers", "$4bn", "43TB", "between 10 and 20
// million", "thousands of". For each it reports the byte span, the value,
// a range's ends, a canonical qualifier, a unit written with the number
// (a currency's ISO code, "percent", "TB"), whether the amount is vague,
// and, for numbers that are not claimed amounts, why (Skip).
//
// The words it knows are data: rules.Numbers, loaded from
// rules/default/numbers.yaml and a user's folders. Only grammar is in the
// code: "and", "of", "a"/"an", "point", "minus", "negative", sign and
// joining characters, and the shapes of dates, times, phone numbers and
// addresses.
//
// The counted noun is left to the caller, which has part-of-speech tags:
// Match.Next is where it may start, after an "of" that links it ("millions
// of users").
//
// # Policy
//
// Where the parsers whose test suites claimwire borrows (Recognizers-Text,
// duckling, quantulum3) read differently, claimwire reads as a news reader
// does:
//
//   - Years, dates, times, ordinals, versions, identifiers (CVE-2017-0144,
//     APT31, Unit 61398, IP addresses, "29km"), phone numbers, ages and
//     fixed names (Five Eyes, 5G) are reported with Skip set, not as
//     amounts.
//   - A four-digit number from 1800 to 2199 with no unit is a year, even
//     before a noun ("the 2014 hack"), unless a qualifier makes it a count
//     ("more than 2000 computers"). News style writes counts of thousands
//     with a comma.
//   - "one" is a number ("one of the contractors" is 1) except after a
//     determiner or before "another" ("the one you mentioned", "no one").
//   - "m" is a million after a currency or a decimal ("£10m", "1.2m
//     users"); "a 10m wall" is not ten million, and "1m" alone is skipped
//     as an identifier. "M", "MM", "bn", "k" are multipliers anywhere.
//   - A decimal comma ("5,00") is not read; English news does not use it.
//   - "a million and a half" is 1,500,000; "several hundred" and "a few"
//     are vague amounts with a rough value, flagged Vague.
//   - Bitcoin is not a currency here: in the claim gold it is the counted
//     noun.
//   - A number that is part of a name is skipped: after a capitalised word
//     ("the Apollo 10 crew", "Galaxy Note 10 Plus"; at the start of a
//     sentence only before a capital or a line end, since "Only 10 people"
//     counts), after a number word ("five 787 jets"), or a capitalised
//     number word before a capital ("the Three Amigos").
//   - Scores ("a 4-1 win", "a 3-4 loss"), ratios ("eight out of ten", "one
//     in five adults", "8/8") and "a year or two" are skipped. "18 out of
//     25 seats" is a count: "out of" makes a ratio only with a denominator
//     of a proportion (up to 5, or a power of ten).
//   - A decimal comma ("1,5 cm") and a run of sixteen or more digits (a post
//     or card number) are skipped.
package number
