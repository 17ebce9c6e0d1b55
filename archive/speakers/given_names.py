"""Given names that tell a person's gender, for "he" and "she" in news prose.

A short list, written for this project, of given names common in English-language
news that are borne almost only by men or only by women; names borne by both
(Jordan, Kelly, Robin, Leslie ...) are left out, so a name here is a fair guess
and a name not here tells nothing. `quotes` reads "he" as a man or a person of
unknown gender, never as a woman the story named, and so on.
"""

from __future__ import annotations

_MEN = (
    "Aaron Abdul Abraham Adam Adrian Ahmed Al Alan Alastair Albert Alberto Alec Alejandro"
    " Alexander Alfred Ali Alistair Allan Allen Amir Andre Andrew Andy Angus Anthony"
    " Antonio Archie Arnold Arthur Barack Barney Barry Ben Benjamin Bernard Bernie Bill"
    " Billy Bob Bobby Boris Brad Bradley Brandon Brent Brett Brian Bruce Bryan Calvin Carl"
    " Carlos Cecil Chad Charles Charlie Christian Christopher Chuck Clarence Clark Claude"
    " Clifford Clint Colin Conor Corey Craig Curtis Dale Dan Daniel Danny Dante Darren Dave"
    " David Dean Dennis Derek Dexter Dick Dominic Don Donald Doug Douglas Duncan Dwight"
    " Earl Ed Eddie Edward Eli Elijah Emmanuel Emmet Eric Erik Ernest Eugene Evan Federico"
    " Felipe Felix Fernando Francis Francisco Frank Franklin Fred Freddy Frederick Gabriel"
    " Gareth Gary Gavin Gene Geoff George Gerald Gilbert Giovanni Glen Glenn Gordon Graham"
    " Grant Greg Gregory Guy Hamid Hank Harold Harry Harvey Hassan Hector Henry Herbert"
    " Herman Herschel Howard Hugh Hugo Hussein Ian Isaac Ivan Jack Jacob Jake Jamal James"
    " Jared Jason Javier Jay Jeb Jeff Jeffery Jeffrey Jeremy Jerome Jerry Jesse Jim Jimmy"
    " Joe Joel Joey John Johnny Jon Jonathan Jorge Jose Joseph Josh Joshua Juan Julian"
    " Justin Karl Keith Ken Kenneth Kevin Kurt Kyle Lamar Lance Larry Lawrence Len Leo Leon"
    " Leonard Lewis Liam Lloyd Louis Luis Luke Luther Malcolm Marc Marcel Marco Marcus"
    " Mario Mark Martin Marty Marvin Massimo Matt Matthew Max Michael Miguel Mike Mikhail"
    " Mitch Mitt Mohammed Morton Muhammad Nate Nathan Neil Newt Nicholas Nick Nigel Noah"
    " Norbert Norman Oliver Omar Oscar Owen Patrick Paul Pedro Pete Peter Phil Philip"
    " Phillip Preet Rafael Ralf Ralph Rand Randy Raul Ray Raymond Reggie Reince Rex Ricardo"
    " Richard Rick Ricky Rob Robby Robert Roberto Rod Rodney Roger Roland Roman Ron Ronald"
    " Ross Roy Rudy Russell Ryan Samuel Scott Sean Sebastian Sergei Seth Shane Sheldon"
    " Sherrod Simon Stan Stanley Stephen Steve Steven Stuart Ted Teddy Terry Theodore"
    " Thomas Tim Timothy Todd Tom Tommy Tony Travis Trey Troy Vernon Victor Vince Vincent"
    " Vladimir Walter Warren Wayne Wesley Will William Willie Woodrow Xavier Xi Yuri Zach"
    " Zachary Zeke"
)
_WOMEN = (
    "Abigail Ada Adele Alice Alicia Alison Allison Amanda Amber Amy Ana Andrea Angela"
    " Angelina Angie Anita Ann Anna Anne Annie Antonia Arianna Arlene Ashley Audrey Barbara"
    " Betsy Betty Beverly Bonnie Brenda Brigid Brittany Candice Carla Carly Carmen Carol"
    " Carole Caroline Carolyn Catherine Cathy Cecelia Cecile Cecilia Charlotte Chelsea"
    " Cheryl Christina Christine Cindy Claire Clara Claudia Colleen Connie Cynthia Daisy"
    " Danielle Dawn Debbie Deborah Debra Denise Diana Diane Dianne Donna Doris Dorothy"
    " Edith Eileen Elaine Eleanor Elena Elisabeth Elise Elizabeth Ellen Emily Emma Erica"
    " Erin Esther Eva Eve Evelyn Felicia Fiona Florence Frances Gabriela Gabrielle Gail"
    " Gina Gloria Grace Gwen Hannah Harriet Hazel Heather Heidi Helen Hillary Holly Hope"
    " Huma Ilhan Irene Iris Isabel Ivana Ivanka Jacqueline Jane Janet Janice Jasmine Jeanne"
    " Jennifer Jenny Jessica Jill Jillian Joan Joanna Joanne Jodi Josephine Joy Joyce"
    " Juanita Judith Judy Julia Julie Karen Kate Katherine Kathleen Kathryn Kathy Katie"
    " Kayleigh Kelli Kellyanne Kimberley Kirsten Kristen Laura Lauren Leah Lena Linda Lisa"
    " Liz Lois Loretta Lori Louise Lucy Lynn Madeleine Mae Maggie Marcia Margaret Maria"
    " Marie Marilyn Marla Marsha Martha Mary Maryam Maureen Maxine Megan Megyn Melania"
    " Melanie Melissa Michele Michelle Mildred Mindy Miriam Molly Monica Myra Nancy Naomi"
    " Natalie Nicola Nicole Nikki Nina Nora Olivia Pamela Patricia Patti Patty Paula"
    " Pauline Peggy Penny Phyllis Polly Priscilla Rachel Rebecca Regina Rita Roberta Robyn"
    " Rosa Rose Rosie Ruth Sally Samantha Sandra Sara Sarah Sharon Sheila Shirley Sonia"
    " Sophia Sophie Stacey Stephanie Sue Susan Suzanne Sylvia Tammy Tara Teresa Theresa"
    " Tiffany Tina Tulsi Valerie Vanessa Victoria Virginia Wanda Wendy Yvonne Zoe"
)
GIVEN_NAMES: dict[str, str] = {
    **dict.fromkeys(_MEN.split(), "m"),
    **dict.fromkeys(_WOMEN.split(), "f"),
}


def gender_of_given_name(word: str) -> str | None:
    """'m' or 'f' for a given name that tells, else None.

    >>> gender_of_given_name("Hillary"), gender_of_given_name("Jordan")
    ('f', None)
    """
    return GIVEN_NAMES.get(word)
