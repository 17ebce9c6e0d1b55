"""Given names that tell a person's gender, for "he" and "she" in news prose.

A short list, written for this project, of given names common in English-language
news that are borne almost only by men or only by women; names borne by both
(Jordan, Kelly, Robin, Leslie ...) are left out, so a name here is a fair guess
and a name not here tells nothing. `quotes` reads "he" as a man or a person of
unknown gender, never as a woman the story named, and so on.
"""

from __future__ import annotations

_MEN = (
    "Aaron Abdul Abraham Adam Adrian Ahmed Al Alan Albert Alberto Alec Alejandro Alexander"
    " Alfred Ali Allen Alistair Amir Andre Andrew Andy Angus Anthony Antonio Archie Arnold"
    " Arthur Barack Barney Barry Ben Benjamin Bernard Bernie Bill Billy Bob Bobby Boris"
    " Brad Bradley Brandon Brent Brett Brian Bruce Bryan Calvin Carl Carlos Cecil Chad"
    " Charles Charlie Chuck Clarence Clark Claude Clifford Clint Colin Conor Corey Craig"
    " Curtis Dale Dan Daniel Danny Darren Dave David Dean Dennis Derek Dick Dominic Don"
    " Donald Doug Douglas Duncan Dwight Earl Ed Eddie Edward Eli Elijah Emmanuel Eric Ernest"
    " Eugene Evan Felix Fernando Francis Francisco Frank Franklin Fred Frederick Gabriel"
    " Gareth Gary Gavin Gene George Gerald Gilbert Glenn Gordon Graham Grant Greg Gregory"
    " Guy Hamid Hank Harold Harry Harvey Hassan Hector Henry Herbert Herman Howard Hugh Hugo"
    " Hussein Ian Isaac Ivan Jack Jacob Jake James Jared Jason Javier Jay Jeb Jeff Jeffrey"
    " Jeremy Jerome Jerry Jim Jimmy Joe Joel John Johnny Jon Jonathan Jorge Jose Joseph"
    " Josh Joshua Juan Julian Justin Karl Keith Ken Kenneth Kevin Kurt Kyle Lamar Larry"
    " Lawrence Len Leo Leon Leonard Lewis Liam Lloyd Louis Luis Luke Malcolm"
    " Marco Marcus Mario Mark Martin Marvin Matt Matthew Max Michael Miguel Mike Mitch Mitt"
    " Mohammed Muhammad Nathan Neil Newt Nicholas Nick Nigel Noah Norman Oliver Omar Oscar"
    " Owen Patrick Paul Pedro Pete Peter Phil Philip Phillip Preet Rafael Ralph Rand"
    " Randy Raul Ray Raymond Reggie Reince Ricardo Richard Rick Ricky Rob Robert Roberto"
    " Rod Rodney Roger Roland Ron Ronald Ross Roy Rudy Russell Ryan Samuel Scott Sean"
    " Sergei Seth Shane Sherrod Simon Stanley Stephen Steve Steven Stuart Ted Terry"
    " Theodore Thomas Tim Timothy Todd Tom Tommy Tony Travis Trey Troy Vernon Victor Vince"
    " Vincent Vladimir Walter Warren Wayne Wesley Will William Willie Xi Yuri Zach Zachary"
)
_WOMEN = (
    "Abigail Ada Adele Alice Alicia Alison Allison Amanda Amber Amy Ana Andrea Angela Angelina"
    " Anita Ann Anna Anne Annie Antonia Arlene Ashley Audrey Barbara Betsy Betty Beverly"
    " Bonnie Brenda Brittany Candice Carla Carly Carmen Carol Caroline Carolyn Catherine"
    " Cathy Cecilia Charlotte Chelsea Cheryl Christina Christine Cindy Claire Clara Claudia"
    " Colleen Connie Cynthia Daisy Danielle Dawn Debbie Deborah Debra Denise Diana Diane"
    " Donna Doris Dorothy Edith Eileen Elaine Eleanor Elena Elisabeth Elise Elizabeth Ellen"
    " Emily Emma Erica Erin Esther Eva Eve Evelyn Fiona Florence Frances Gabrielle Gail"
    " Gina Gloria Grace Gwen Hannah Harriet Hazel Heather Heidi Helen Hillary Holly Hope"
    " Huma Ilhan Irene Iris Isabel Ivanka Jacqueline Jane Janet Janice Jasmine Jeanne"
    " Jennifer Jenny Jessica Jill Joan Joanna Joanne Jodi Josephine Joy Joyce Judith Judy"
    " Julia Julie Karen Kate Katherine Kathleen Kathryn Kathy Katie Kayleigh Kellyanne"
    " Kirsten Kristen Laura Lauren Leah Lena Linda Lisa Lois Loretta Lori Louise Lucy Lynn"
    " Madeleine Mae Maggie Marcia Margaret Maria Marie Marilyn Marsha Martha Mary"
    " Maureen Maxine Megan Megyn Melania Melanie Melissa Michele Michelle Mildred Mindy"
    " Miriam Molly Monica Nancy Naomi Natalie Nicola Nicole Nikki Nina Nora Olivia Pamela"
    " Patricia Patty Paula Pauline Peggy Penny Phyllis Priscilla Rachel Rebecca Regina"
    " Rita Roberta Rosa Rose Rosie Ruth Sally Samantha Sandra Sara Sarah Sharon Sheila"
    " Shirley Sonia Sophia Sophie Stacey Stephanie Sue Susan Suzanne Sylvia Tammy Tara"
    " Teresa Theresa Tiffany Tina Tulsi Valerie Vanessa Victoria Virginia Wanda Wendy"
    " Yvonne Zoe"
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
