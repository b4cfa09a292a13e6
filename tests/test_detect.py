"""Behaviour of the attack detector on short wire-style articles written for these tests."""
from datetime import date

import pytest

from extractors.detect import candidates, detect
from extractors.fields import casualties, claimed_by, counted_over, country_in, projectiles, suspected, weapons
from extractors.gazetteer import lookup
from extractors.mentions import attack_cue, base_refs, is_origin
from extractors.reading import read_mentions
from extractors.sentences import article_sentences


def primary(det):
    return {r.base: r for r in det.reports if r.is_primary}


def test_rocket_attack_with_counts_and_no_casualties_is_one_primary_report():
    text = (
        "BAGHDAD (Wire) - Two Katyusha rockets landed inside Camp Taji north of Baghdad on Saturday night, "
        "the Iraqi military said, causing no casualties.\n"
        "No group claimed responsibility. The United States blames Iran-backed militias for such attacks."
    )
    det = detect(text, date(2022, 5, 8), "Rockets hit Iraqi base hosting coalition trainers")
    assert det.is_attack_report
    [report] = det.primary
    assert (report.base, report.attack_date, report.date_precision) == ("Camp Taji", date(2022, 5, 7), "day")
    assert report.weapons == ("rocket",)
    assert (report.projectiles, report.killed, report.wounded) == (2, 0, 0)
    assert report.claimed_by is None
    assert report.country == "Iraq" and report.latitude is not None
    assert "Camp Taji" in report.evidence


def test_background_attack_in_an_earlier_month_is_not_primary_and_not_merged():
    text = (
        "Twin rockets hit the Taji military base on Monday, security sources said. There were no casualties.\n"
        "In March, Taji came under a rocket attack that killed two Americans and a British national."
    )
    det = detect(text, date(2022, 6, 13), "")
    [today] = det.primary
    assert today.attack_date == date(2022, 6, 13) and today.projectiles == 2
    background = [r for r in det.reports if not r.is_primary]
    assert len(background) == 1
    assert background[0].date_precision == "month" and background[0].attack_date == date(2022, 3, 1)
    assert background[0].killed == 3


def test_two_bases_hit_the_same_night_give_two_primary_reports():
    text = (
        "Drones targeted Ain al-Asad air base in western Iraq late on Tuesday, a US official said. "
        "Hours later two rockets landed near Erbil International Airport, which hosts coalition troops.\n"
        "The Islamic Resistance in Iraq claimed responsibility for both attacks."
    )
    det = detect(text, date(2023, 11, 22), "")
    reports = primary(det)
    assert set(reports) == {"Ain al-Asad Air Base", "Erbil Air Base"}
    assert reports["Ain al-Asad Air Base"].weapons == ("drone",)
    assert reports["Erbil Air Base"].weapons == ("rocket",)
    assert all(r.attack_date == date(2023, 11, 21) for r in reports.values())


def test_drones_shot_down_near_a_base_count_as_an_attack():
    text = ("On August 3, air defences at the Hmeymim airbase destroyed four drones launched by militants "
            "as they approached the base. There were no injuries or damage.")
    [report] = detect(text, date(2021, 8, 4), "").primary
    assert report.base == "Hmeimim Air Base" and report.attack_date == date(2021, 8, 3)
    assert report.projectiles == 4 and report.weapons == ("drone",)


def test_unlisted_named_base_is_reported_by_its_written_name_without_coordinates():
    text = ("Dozens of gunmen stormed the Tinzawaten military camp early on Friday, killing five soldiers, "
            "the army said.")
    [report] = detect(text, date(2023, 3, 10), "").primary
    assert report.base == "Tinzawaten military camp"
    assert report.latitude is None and report.killed == 5
    assert report.weapons == ("ground_assault",)


def test_unnamed_base_still_makes_the_article_an_attack_report():
    text = "Unidentified gunmen attacked a military post near the border with Niger on Friday, killing 12 soldiers."
    det = detect(text, date(2019, 3, 1), "")
    assert det.is_attack_report
    assert det.primary[0].base.startswith("unnamed military post")


def test_claim_of_responsibility_is_read_as_claimed_by():
    text = ("Somalia's al Shabaab said its fighters attacked the Leego base on Sunday with a suicide car bomb "
            "and then stormed it.")
    [report] = detect(text, date(2020, 6, 14), "").primary
    assert report.claimed_by == "al-Shabaab"
    assert set(report.weapons) == {"ied", "ground_assault"}


def test_base_handover_is_not_an_attack():
    text = ("The US-led coalition handed over Camp Taji to Iraqi security forces on Sunday in a ceremony. "
            "Recent attacks by militias on bases hosting foreign troops did not affect the plan.")
    assert not detect(text, date(2020, 8, 24), "Coalition hands over Camp Taji to Iraqi forces").is_attack_report


def test_houston_rockets_game_is_not_an_attack():
    text = ("The Houston Rockets beat the Wizards 107-92 on Monday night as Sengun scored 27 points. "
            "The Rockets hit 12 three-pointers and their defense held the base of the paint.")
    assert not detect(text, date(2024, 11, 12), "Rockets beat Wizards").is_attack_report


def test_rocket_attack_on_an_embassy_is_not_a_base_attack():
    text = ("Three rockets targeted the US embassy in Baghdad's Green Zone on Sunday, and the C-RAM system "
            "destroyed them mid-air, security officials said.")
    assert not detect(text, date(2020, 12, 20), "Rockets target US embassy in Baghdad").is_attack_report


def test_space_launch_from_a_space_force_base_is_not_an_attack():
    text = ("A SpaceX Falcon 9 rocket carrying 22 Starlink satellites lifted off from Vandenberg Space Force Base "
            "early Saturday and the booster landed safely.")
    assert not detect(text, date(2023, 10, 21), "SpaceX launches rocket").is_attack_report


def test_cyberattack_is_not_an_attack_on_a_base():
    text = ("Hackers hit the network of a contractor that serves Al Udeid Air Base in a ransomware cyberattack "
            "on Friday, the company said.")
    assert not detect(text, date(2021, 7, 3), "Cyberattack hits defence contractor").is_attack_report


def test_airstrikes_on_militants_after_a_base_attack_are_not_new_base_attacks():
    text = ("The US military launched retaliatory airstrikes on Kataib Hezbollah weapons depots on Thursday. "
            "Officials said the group likely launched Wednesday night's rocket attack on Camp Taji.")
    det = detect(text, date(2020, 3, 12), "US launches retaliatory airstrikes on Iran-backed group in Iraq")
    assert not det.is_attack_report
    assert all(not r.is_primary for r in det.reports)


def test_threats_and_trials_are_not_attacks():
    text = ("A militia leader threatened to attack Ain al-Asad air base if US troops stay. "
            "Separately, a jury found three men guilty of plotting an attack on Fort Dix military base.")
    assert not detect(text, date(2021, 1, 5), "Militia warns US forces").is_attack_report


def test_detection_is_deterministic():
    text = "Three mortar shells hit Balad air base early Saturday, causing a small fire but no casualties."
    assert detect(text, date(2019, 6, 15)) == detect(text, date(2019, 6, 15))


def test_no_one_killed_says_nothing_about_the_wounded_and_illness_is_no_kill():
    text = ("Four ballistic missiles struck near the al-Tanf garrison on Sunday and dozens of troops were treated "
            "for concussions, officials said. No one was killed. A contractor died of a cardiac arrest while sheltering.")
    [report] = detect(text, date(2024, 5, 7), "").primary
    assert (report.killed, report.wounded) == (0, None)


def test_tally_since_a_date_does_not_date_the_latest_attack():
    text = ("U.S. forces have been attacked at least 55 times since Oct. 17, officials said on Tuesday, the latest "
            "on Monday, when rockets were fired at U.S. troops at al-Shaddadi base. The attack left two service "
            "members with minor injuries.")
    [report] = detect(text, date(2023, 11, 15), "").primary
    assert (report.attack_date, report.wounded) == (date(2023, 11, 13), 2)


def test_base_in_an_earlier_after_clause_is_background_unless_a_comma_closes_it():
    det = detect("Three rockets hit Camp Taji on Tuesday, 48 hours after a drone attack on Ain al-Asad air base.",
                 date(2024, 1, 16), "")
    assert [(r.base, r.weapons) for r in det.primary] == [("Camp Taji", ("rocket",))]
    det = detect("On Tuesday, hours after U.S. strikes on militia sites, three rockets hit Ain al-Asad air base.",
                 date(2024, 1, 16), "")
    assert [(r.base, r.attack_date) for r in det.primary] == [("Ain al-Asad Air Base", date(2024, 1, 16))]


def test_claim_after_a_tally_paragraph_is_kept_unless_the_article_says_nobody_claimed():
    lead = "A drone targeted Erbil air base on Wednesday, officials said. There were no injuries.\n"
    tally = "Since Oct. 17, U.S. forces have been attacked at least 41 times.\n"
    claim = "The Islamic Resistance in Iraq claimed responsibility for the Erbil attack."
    [report] = detect(lead + tally + claim, date(2023, 11, 9), "").primary
    assert report.claimed_by == "Islamic Resistance in Iraq"
    nobody = "No group has claimed the attack. In February, the Islamic Resistance in Iraq claimed a rocket attack."
    [report] = detect(lead + tally + nobody, date(2023, 11, 9), "").primary
    assert report.claimed_by is None


def test_long_standing_accusation_is_not_a_suspect_for_this_attack():
    text = ("Militants attacked the Zhob garrison early on Monday, killing five soldiers, officials said.\n"
            "Islamabad has long accused the Afghan Taliban of sheltering militants.")
    [report] = detect(text, date(2023, 9, 26), "").primary
    assert report.suspected is None


def test_a_claim_opened_by_a_time_phrase_is_the_group_s_not_an_aside():
    text = ("Insurgents raided the army camp in Ancuabe on Wednesday night, killing two soldiers, residents said.\n"
            "On Thursday, the Islamic State claimed the raid through its Amaq agency, saying it had burnt the camp.")
    [report] = detect(text, date(2025, 5, 9), "").primary
    assert report.claimed_by == "Islamic State"


def test_the_group_that_claims_is_the_one_named_before_not_its_patron():
    text = ("Fighters stormed the army camp in Solenzo on Tuesday, killing six soldiers, officials said.\n"
            "Officials blamed Ansarul Islam, an ally of al Qaeda's regional branch. On Wednesday, the group claimed "
            "the attack in a video.")
    [report] = detect(text, date(2025, 5, 8), "").primary
    assert report.claimed_by == "Ansarul Islam"


def test_drones_launched_by_a_group_name_whom_the_source_blames():
    text = ("Air defences shot down four drones launched by the Houthis towards Camp Lemonnier on Sunday night, a "
            "spokesman said. Nobody was hurt.")
    [report] = detect(text, date(2024, 2, 5), "").primary
    assert report.suspected == "Houthis"


def test_where_the_attackers_came_from_names_no_group():
    text = ("Five drones launched by militants from the Idlib de-escalation zone were destroyed near Hmeimim air base "
            "on Thursday night, the Russian military said.")
    [report] = detect(text, date(2019, 10, 18), "").primary
    assert report.suspected is None


def test_an_official_who_says_a_group_was_responsible_blames_it():
    text = ("Two rockets hit Camp Taji on Friday night without causing casualties. \"We assess that Asaib Ahl al-Haq "
            "was responsible,\" a U.S. official said.")
    [report] = detect(text, date(2021, 4, 3), "").primary
    assert report.suspected == "Asaib Ahl al-Haq"


def test_a_group_struck_in_retaliation_is_not_the_claimant():
    text = ("Three rockets struck Ain al-Asad air base in western Iraq on Tuesday, wounding two U.S. service "
            "members, officials said. The Pentagon said it had struck Kataib Hezbollah facilities in response.")
    [report] = detect(text, date(2024, 1, 31), "Rockets hit Ain al-Asad base").primary
    assert report.claimed_by is None
    claimed = ("A drone struck Tower 22, a U.S. outpost in Jordan, on Sunday, killing three U.S. soldiers. "
               "The Islamic Resistance in Iraq said it had targeted the base.")
    [report] = detect(claimed, date(2024, 1, 29), "Drone attack on Tower 22").primary
    assert report.claimed_by == "Islamic Resistance in Iraq"


def test_a_claimant_described_by_its_patron_is_the_group_the_story_names():
    text = ("An Islamic State-affiliated group has claimed responsibility for Tuesday's attack on the army camp at "
            "Kolofata, in Cameroon's Far North region. ISWAP said in a statement on Wednesday that its fighters had "
            "stormed the camp and burned two armoured vehicles.")
    [report] = detect(text, date(2025, 3, 5), "").primary
    assert report.claimed_by == "ISWAP"
    # named by its patron alone, the patron is all the story says of it
    alone = ("An Islamic State-affiliated group has claimed responsibility for Tuesday's attack on the army camp at "
             "Kolofata, in Cameroon's Far North region. Two soldiers were wounded.")
    [report] = detect(alone, date(2025, 3, 5), "").primary
    assert report.claimed_by == "Islamic State"


def test_bare_ordinal_day_of_translated_copy_dates_the_attack():
    text = ("On the night of the 14th, the Kyiv regime attempted a terrorist attack with drones on the Engels "
            "airfield, the governor said. No one was hurt.")
    [report] = detect(text, date(2024, 1, 15), "").primary
    assert report.attack_date == date(2024, 1, 14)
    [report] = detect(text.replace("14th", "31st"), date(2024, 2, 3), "").primary  # not yet reached: last month
    assert report.attack_date == date(2024, 1, 31)
    unit = "Militants attacked the Zhob garrison on Monday, wounding men of the 14th Brigade, officials said."
    [report] = detect(unit, date(2024, 1, 17), "").primary
    assert report.attack_date == date(2024, 1, 15)


def test_french_style_owner_before_place_names_the_base():
    text = "Terrorists attacked the camp of the armed forces in Arbinda at dawn Friday, the army said."
    [report] = detect(text, date(2023, 11, 4), "").primary
    assert report.base == "Arbinda military base"


def test_military_post_of_a_place_is_named_but_a_camp_of_a_person_is_not():
    post = "Terrorists attacked the military post of Tassia on Tuesday, killing 12 soldiers, the ministry said."
    [report] = detect(post, date(2024, 6, 26), "").primary
    assert report.base == "Tassia military post" and report.killed == 12
    faction = "Critics attacked the camp of Netanyahu on Tuesday over the budget, newspapers said."
    assert not detect(faction, date(2024, 6, 26), "").is_attack_report


def test_army_training_base_is_a_base_but_a_militant_training_camp_is_not():
    army = "A Hezbollah drone struck a Golani Brigade training base near Binyamina on Sunday, the army said."
    [report] = detect(army, date(2024, 10, 14), "").primary
    assert "Golani" in report.base and report.attack_date == date(2024, 10, 13)
    militant = "Jets struck a militant training camp near Binyamina on Sunday, the army said."
    assert not detect(militant, date(2024, 10, 14), "").is_attack_report


def test_possessive_owner_and_super_camp_make_a_definite_description():
    text = "ISWAP fighters attacked the army's super camp in Mafa, Borno State, on Friday night, sources said."
    [report] = detect(text, date(2024, 2, 24), "").primary
    assert report.base == "Mafa camp" and report.attack_date == date(2024, 2, 23)


def test_insurgents_in_gun_trucks_breaching_a_trench_are_a_ground_assault():
    text = ("Insurgents attacked the army's super camp in Mafa on Friday night, sources said. They came in "
            "15 gun trucks and breached the trench around the camp.")
    [report] = detect(text, date(2024, 2, 24), "").primary
    assert report.weapons == ("ground_assault",)


def test_translated_casualty_idioms_and_forces_named_between_people_and_verb():
    honour = "Terrorists attacked the Arbinda camp on Friday. Six soldiers fell on the field of honour."
    [report] = detect(honour, date(2023, 11, 4), "").primary
    assert report.killed == 6
    force = ("Militants attacked the El Baraf base on Monday. Three soldiers of the African Union Transition "
             "Mission in Somalia (ATMIS) were killed and four others of the mission were wounded.")
    [report] = detect(force, date(2023, 12, 19), "").primary
    assert (report.killed, report.wounded) == (3, 4)
    sailor = "Militants attacked PNS Siddique on Monday night, the ISPR said. A sailor was martyred in the exchange of fire."
    [report] = detect(sailor, date(2024, 3, 26), "").primary
    assert report.killed == 1


def test_a_claim_of_having_killed_soldiers_is_a_claim_of_the_attack():
    text = ("Al-Shabaab fighters attacked the Kulbiyow military base on Wednesday, the army said. "
            "The group claimed on its Telegram channel that it had killed 21 soldiers.")
    [report] = detect(text, date(2024, 12, 5), "").primary
    assert report.claimed_by == "al-Shabaab"
    bahadur = ("Khwarij attacked the Bannu Cantonment on Monday, the ISPR said. The Hafiz Gul Bahadur group "
               "claimed responsibility for the attack.")
    [report] = detect(bahadur, date(2024, 7, 16), "").primary
    assert report.claimed_by == "Hafiz Gul Bahadur group"


def test_an_accidental_depot_blast_is_not_an_attack():
    text = ("Explosions rocked an ammunition depot inside the Giwa military barracks on Monday, but the army "
            "said the blasts were an accident caused by extreme heat.")
    assert not detect(text, date(2024, 5, 14), "").is_attack_report


def test_a_base_named_as_a_distant_landmark_is_not_the_target():
    text = ("Gunmen opened fire on a bus on the highway on Monday, killing two passengers. The attack took place "
            "about 30 kilometres from the Manda Bay military airfield.")
    assert not detect(text, date(2024, 2, 6), "").is_attack_report


def test_a_drone_that_was_one_of_several_does_not_count_one():
    text = ("A Hezbollah drone struck the Biranit barracks on Sunday, the army said. "
            "The drone was one of two launched from Lebanon.")
    [report] = detect(text, date(2024, 10, 14), "").primary
    assert report.projectiles is None


def test_official_wording_of_injuries_and_tolls():
    text = ("On Wednesday evening local time, U.S. forces at al-Tanf garrison were attacked by a one-way attack "
            "drone, resulting in minor injuries to four personnel, a Pentagon official said.")
    [report] = detect(text, date(2023, 11, 16), "").primary
    assert report.wounded == 4
    text = ("The number of U.S. service members wounded in Sunday's drone attack on Tower 22, a small U.S. outpost "
            "in northeastern Jordan, has risen to 47, the Pentagon said. Three Army reservists were killed.")
    [report] = detect(text, date(2024, 1, 30), "").primary
    assert (report.attack_date, report.killed, report.wounded) == (date(2024, 1, 28), 3, 47)


def test_killed_advisers_count_as_people():
    text = ("Israeli warplanes fired missiles at the T4 air base late Wednesday, killing three Syrian soldiers and "
            "two Iranian advisers, a monitor said.")
    [report] = detect(text, date(2023, 11, 16), "").primary
    assert report.killed == 5


def test_blame_worded_as_believed_the_group_was_responsible():
    text = ("Two drones targeted Ain al-Asad Air Base on Wednesday, a spokesman said. "
            "He said the Pentagon believed Iran-backed militia groups were responsible.")
    [report] = detect(text, date(2023, 10, 26), "").primary
    assert report.suspected == "Iran-backed militia groups"


def test_an_attack_a_day_earlier_on_the_same_base_is_a_second_incident():
    text = ("Two drones targeted Harir air base late on Tuesday, officials said, adding that nobody was hurt.\n"
            "A day earlier, on Monday, a rocket struck an empty hangar at Harir, causing no casualties.\n"
            "The Islamic Resistance in Iraq claimed both attacks.")
    reports = detect(text, date(2023, 11, 22), "").primary
    assert sorted((r.attack_date, r.weapons) for r in reports) == [
        (date(2023, 11, 20), ("rocket",)), (date(2023, 11, 21), ("drone",))]
    assert all(r.claimed_by == "Islamic Resistance in Iraq" for r in reports)


def test_a_second_base_with_its_own_clause_keeps_its_facts():
    text = ("On Oct. 26, a single rocket landed near the perimeter of Erbil air base, causing no damage, and later "
            "that day two drones targeted U.S. forces at al-Tanf garrison, adding that two service members "
            "suffered minor injuries.")
    reports = {r.base: r for r in detect(text, date(2023, 10, 27), "").primary}
    erbil, tanf = reports["Erbil Air Base"], reports["Al-Tanf Garrison"]
    assert (erbil.weapons, erbil.projectiles, erbil.wounded) == (("rocket",), None, None)
    assert (tanf.weapons, tanf.projectiles, tanf.wounded) == (("drone",), 2, 2)


def test_bases_listed_by_place_after_plural_bases():
    text = ("On Jan. 8, Iran launched more than a dozen ballistic missiles. "
            "The missiles targeted two Iraqi military bases hosting U.S. personnel at Al-Asad and Erbil.")
    reports = detect(text, date(2020, 1, 8), "").primary
    assert sorted((r.base, r.attack_date) for r in reports) == [
        ("Ain al-Asad Air Base", date(2020, 1, 8)), ("Erbil Air Base", date(2020, 1, 8))]
    assert not detect("Rockets struck bases in Iraq and Syria on Monday.", date(2020, 1, 8), "").is_attack_report


def test_an_attack_listed_after_in_response_to_including_is_background():
    text = ("U.S. forces conducted precision strikes against three facilities used by Kataib Hezbollah on Jan. 24. "
            "The strikes were in response to attacks against U.S. personnel in Iraq and Syria, including the "
            "attack on Al-Asad Air Base on Jan. 20.")
    assert not detect(text, date(2024, 1, 24), "").is_attack_report


def test_hearings_prepared_rockets_protection_and_month_named_attacks_are_not_news():
    assert not detect("Members of the House Armed Services Committee on Tuesday pressed commanders over the January "
                      "drone attack on Tower 22 in Jordan.", date(2024, 3, 20),
                      "Lawmakers question generals over Tower 22 attack at House hearing").is_attack_report
    assert not detect("Iraqi forces on Wednesday seized six rockets that were prepared to target the Ain al-Asad "
                      "air base.", date(2024, 1, 11), "").is_attack_report
    assert not detect("The United States has deployed a Patriot battery to Prince Sultan Air Base to protect U.S. "
                      "forces against possible Iranian missile and drone attacks, the Pentagon said on Monday.",
                      date(2024, 10, 15), "").is_attack_report


def test_rumalyn_is_the_rmeilan_landing_zone():
    text = "A one-way attack drone targeted U.S. forces at the Rumalyn Landing Zone in Syria on Sunday."
    [report] = detect(text, date(2023, 10, 23), "").primary
    assert report.base == "Rmeilan Landing Zone"


def test_review_and_obituary_headlines_frame_the_article():
    text = "The series follows a company of soldiers at a remote army base that is attacked by militants on its first night."
    assert not detect(text, date(2025, 2, 3), "TV review: a siege drama with little to say").is_attack_report
    assert not detect(text, date(2025, 2, 3), "Film review: The Outpost Line").is_attack_report
    assert not detect("Mara Elsby, who was wounded when rockets hit Camp Taji on Saturday, spoke to reporters.",
                      date(2025, 2, 3), "Obituary: Mara Elsby, 64").is_attack_report
    # A headline that itself reports an attack on a base is not framed away.
    assert detect("Rockets hit Camp Taji on Saturday, officials said.", date(2025, 2, 3),
                  "Review: rockets hit Camp Taji").is_attack_report


def test_a_date_after_and_later_dates_a_later_event_not_the_attack():
    text = ("Tom Varga, who was wounded in a mortar attack on Kandahar Airfield in 2009 and later ran a bakery in "
            "his hometown, died on Saturday.")
    assert not detect(text, date(2025, 3, 3), "").is_attack_report
    # A bare past year right after the base name dates the attack, so it is background.
    assert not detect("Visitors saw a shell fragment from the mortar attack on Kandahar Airfield in 2011.",
                      date(2025, 3, 3), "").is_attack_report
    text = "Two rockets hit Kandahar Airfield on Saturday and later a drone was shot down nearby, officials said."
    [report] = detect(text, date(2025, 3, 3), "").primary
    assert report.attack_date == date(2025, 3, 1)


def test_attacks_that_are_protested_against_are_not_an_attack_on_the_base():
    text = "Hundreds of students rallied outside an air base on Friday to protest against missile strikes in the region."
    assert not detect(text, date(2025, 4, 5), "").is_attack_report
    text = "Protesters stormed a Turkish military base on Saturday to protest against airstrikes that killed civilians."
    assert detect(text, date(2025, 4, 6), "").is_attack_report


def test_a_named_camp_that_is_a_summer_camp_is_not_a_base():
    text = "Children at Camp Pinecrest, a youth summer camp, launched water rockets that landed in the lake on Sunday."
    assert not detect(text, date(2025, 7, 8), "").is_attack_report
    text = "Militants fired rockets that landed inside Camp Redrock, an army outpost, on Sunday."
    assert detect(text, date(2025, 7, 8), "").is_attack_report


def test_an_unlisted_base_takes_its_town_s_country_coordinates_and_precision():
    text = ("CUCUTA, Colombia - A car bomb exploded at a military base in the border city of Cucuta on Tuesday, "
            "injuring 23 people, the army said.")
    [report] = detect(text, date(2021, 6, 16), "").primary
    assert report.base == "Unnamed military base, Cucuta"
    assert (report.country, report.location_precision) == ("Colombia", "town")
    assert abs(report.latitude - 7.9) < 0.2 and abs(report.longitude + 72.5) < 0.2


def test_a_province_named_with_a_capitalised_kind_places_an_unlisted_base():
    text = ("Resistance fighters shelled the junta's battalion base in Kyunhla, in western Sagaing Region, with "
            "mortars before dawn on Thursday, killing three soldiers, local people said.")
    [report] = detect(text, date(2024, 2, 3), "").primary
    assert (report.country, report.location_precision) == ("Myanmar", "province")


def test_a_group_whose_name_ends_in_a_kind_of_place_places_nothing():
    text = "Gunmen attacked an army camp in Islamic State on Monday night, killing two soldiers, the ministry said."
    [report] = detect(text, date(2024, 2, 6), "").primary
    assert not report.base.startswith("Unnamed") and report.country is None


def test_an_unlisted_base_named_after_its_town_stands_in_the_dateline_s_country():
    text = ("MOGADISHU (Radio Bulsho) - Al-Shabaab fighters fired mortar shells at the Wanlaweyn military camp late "
            "on Friday, wounding four soldiers, a commander said.")
    [report] = detect(text, date(2024, 3, 9), "").primary
    assert report.country == "Somalia" and report.location_precision == "town"


def test_the_day_officials_reacted_does_not_date_the_attack():
    text = ("The prime minister on Monday ordered a committee to hunt down those behind a rocket attack on Baghdad "
            "International Airport.\nAccording to the army, two rockets struck the airport late on Sunday, damaging a "
            "car.")
    [report] = detect(text, date(2021, 5, 10), "").primary
    assert report.attack_date == date(2021, 5, 9)


def test_a_camp_named_after_a_person_keeps_the_particle_of_the_name():
    text = "A rocket hit Camp Luis de Camoes in southern Lebanon on Sunday, the mission said."
    [report] = detect(text, date(2024, 1, 22), "").primary
    assert report.base == "Camp Luis de Camoes"


def test_a_run_of_attacks_over_months_is_a_tally_not_an_attack():
    text = ("The new commander visited Camp Taji on Thursday and met Iraqi officers. He also toured the base's "
            "air-defence positions, which were reinforced after a spate of drone and rocket attacks since the spring.")
    assert not detect(text, date(2021, 9, 3), "Minister tours Taji base").is_attack_report


def test_aircraft_from_a_base_in_a_headline_are_its_own_not_an_attack_on_it():
    text = ("Jets from a Turkish base struck three militant camps in the mountains on Friday, killing 12 fighters, the "
            "ministry said.")
    assert not detect(text, date(2022, 8, 6), "Jets from Turkish base strike militant camps").is_attack_report


def test_the_day_a_wounded_soldier_left_hospital_does_not_date_the_attack():
    text = ("A soldier wounded in the rocket attack on Camp Taji was released from the military hospital in Baghdad on "
            "Tuesday, the army said.\nThree rockets struck Camp Taji on Saturday night, wounding four soldiers.")
    [report] = detect(text, date(2021, 3, 10), "").primary
    assert report.attack_date == date(2021, 3, 6)


def test_a_place_name_keeps_its_apostrophe():
    text = "Two anti-tank missiles hit an army post near Ma'ayan Baruch on Monday, wounding a soldier."
    [report] = detect(text, date(2024, 3, 5), "").primary
    assert report.base == "Unnamed military base, Ma'ayan Baruch"


def test_a_toll_is_read_past_the_aside_that_breaks_it_down():
    text = ("Mortar rounds hit the army camp in Boni on Sunday night. The toll stands at five dead — four soldiers "
            "and a cook who worked in the camp — and six wounded, the army said.")
    [report] = detect(text, date(2024, 6, 11), "").primary
    assert (report.killed, report.wounded) == (5, 6)


def test_a_commander_s_count_of_his_men_is_the_toll():
    text = ("Gunmen attacked the army camp in Kismayo late on Friday. \"Six of our soldiers were wounded,\" the camp "
            "commander said, adding that four of his men had been killed.")
    [report] = detect(text, date(2024, 6, 8), "").primary
    assert (report.killed, report.wounded) == (4, 6)


def test_martyred_or_wounded_lumps_the_two_counts():
    text = ("Militants stormed the army camp in Rafah on Monday. \"Nine soldiers were martyred or wounded,\" the "
            "spokesman said.")
    [report] = detect(text, date(2024, 6, 8), "").primary
    assert report.killed is None and report.wounded is None


def test_words_that_attack_a_government_are_no_attack():
    text = ("A councillor who attacked the government on Monday said the Ramstein Air Base brings jobs but pushes up "
            "rents in the town.")
    assert not detect(text, date(2024, 5, 8), "").is_attack_report


def test_a_match_called_off_after_an_attack_on_a_base_reports_the_attack():
    text = ("Saturday's cup tie between Yala FC and Songkhla United has been postponed, the league said on Monday, "
            "after an attack on a ranger base in Yala province on Sunday night. Insurgents fired on the base of the "
            "41st Ranger Regiment in Bannang Sata district, about 30 km from the stadium, killing two rangers.")
    title = "Cup tie postponed after attack on ranger base"
    [report] = detect(text, date(2024, 11, 4), title).primary
    assert report.base.startswith("41st Ranger Regiment base") and report.killed == 2


def test_the_day_an_official_toured_the_base_does_not_date_the_attack():
    text = ("The army chief on Tuesday toured the army camp in Dori, which militants stormed on Sunday, killing four "
            "soldiers.")
    [report] = detect(text, date(2021, 3, 10), "").primary
    assert report.attack_date == date(2021, 3, 7)


def test_a_base_attacked_twice_since_a_month_is_a_tally():
    text = ("A soldier wounded in March left hospital on Monday. The army said the base in Suarez had been attacked "
            "twice more since then, without casualties.")
    assert not detect(text, date(2025, 4, 15), "").is_attack_report


def test_a_post_of_the_peshmerga_or_the_frontier_corps_is_an_installation():
    text = ("Islamic State militants attacked a Peshmerga post near Tuz Khurmatu late on Tuesday, killing two "
            "fighters, the ministry said.")
    [report] = detect(text, date(2022, 3, 3), "").primary
    assert "Tuz Khurmatu" in report.base and report.killed == 2
    text = "Militants fired rockets at an FC post in Zhob district on Sunday night, injuring three soldiers."
    assert detect(text, date(2024, 5, 6), "").is_attack_report


def test_no_one_hurt_in_a_digest_s_other_item_is_that_item_s():
    text = ("RAMADI: Three mortar shells hit the Habbaniyah base late on Sunday, killing a soldier, a security source "
            "said.\nHIT: Gunmen fired on a police checkpoint near Hit on Sunday and fled. No one was hurt, police "
            "said.")
    [report] = detect(text, date(2022, 3, 14), "").primary
    assert (report.killed, report.wounded) == (1, None)


def test_no_casualties_among_the_civilian_population_says_nothing_of_the_soldiers():
    text = ("Drones attacked the airfield at Millerovo overnight, the governor said. \"There are no casualties among "
            "the civilian population,\" he wrote.")
    [report] = detect(text, date(2024, 8, 6), "").primary
    assert report.killed is None and report.wounded is None


def test_the_day_a_period_of_mourning_starts_does_not_date_the_attack():
    text = ("NIAMEY — The head of state has decreed three days of national mourning from Friday in memory of the "
            "soldiers who fell in the attack on the military post of Inates, the communique said. The post was "
            "attacked on Tuesday afternoon by hundreds of fighters, the ministry said.")
    [report] = detect(text, date(2024, 12, 13), "").primary
    assert report.attack_date == date(2024, 12, 10)


def test_a_toll_stated_with_its_verb_counts_the_dead():
    text = ("Fighters attacked the army post of Tillia on Monday, the ministry said. \"The provisional toll on the "
            "friendly side is twelve (12) killed and five (5) wounded.\"")
    [report] = detect(text, date(2024, 9, 24), "").primary
    assert (report.killed, report.wounded) == (12, 5)


def test_drones_that_approached_the_base_are_counted():
    text = ("A soldier was wounded at Camp Lemonnier on Sunday, a spokesman said. Four explosive-laden drones "
            "approached the camp at dawn; guards shot three of them down.")
    [report] = detect(text, date(2024, 2, 5), "").primary
    assert report.projectiles == 4


def test_a_listed_base_s_coordinates_are_the_base_s_own():
    [report] = detect("Rockets hit Camp Taji on Monday, the army said.", date(2020, 6, 16), "").primary
    assert report.location_precision == "base" and report.latitude is not None


def test_a_country_after_the_base_does_not_name_it():
    text = ("PATTANI, Thailand - Troops guarding their base in Thailand's restive south repelled a raid on Friday. "
            "Around 40 gunmen opened fire on the ranger base in Nong Chik district in Pattani province, the army "
            "said.")
    [report] = detect(text, date(2024, 5, 11), "").primary
    assert "Thailand" not in report.base and "Nong Chik" in report.base


def test_an_organisation_s_base_is_named_by_its_town_not_by_a_landmark_town():
    text = ("A peacekeeper was wounded when a United Nations base came under fire on Sunday, the mission said. "
            "Gunmen attacked a temporary U.N. base in Kaga-Bandoro, near the city of Bria, a spokesman said.")
    [report] = detect(text, date(2024, 5, 13), "").primary
    assert report.base == "Unnamed military base, Kaga-Bandoro"


def test_a_date_opening_a_when_clause_dates_the_event_the_clause_tells():
    text = ("Gunmen stormed the Galkayo army base on Tuesday, killing four soldiers, officials said. The Tuesday raid "
            "recalls a similar assault in 2022 when a car bomb killed 12 soldiers at the Bulo Hawo base.")
    reports = detect(text, date(2024, 6, 5), "").primary
    assert [r.base for r in reports] == ["Galkayo army base"]


def test_a_convoy_from_a_base_is_not_an_attack_on_the_base():
    text = "On Friday a supply convoy from the Boni army camp was ambushed on the road to Hombori, the army said."
    assert not detect(text, date(2024, 6, 8), "").is_attack_report


def test_a_country_s_possessive_does_not_name_a_base():
    text = "Gunmen attacked Guinea's main military base in Conakry on Sunday, the army said."
    [report] = detect(text, date(2024, 6, 10), "").primary
    assert "Guinea" not in report.base and "Conakry" in report.base


def test_an_undated_subheading_about_an_attack_the_body_dates_years_ago_is_background():
    text = ("Families gathered on Monday at the regimental barracks to remember the soldiers who fell three years ago. "
            "On March 3, 2021, militants stormed the Tessalit camp, killing 20 soldiers.\n"
            "Militants Publish Footage Of Tessalit Camp Raid\n"
            "Months later the militants released footage of the raid.")
    assert not detect(text, date(2024, 3, 5), "Three Years After The Tessalit Camp Raid").primary


def test_page_furniture_before_the_story_is_not_its_lead():
    title = "Minister confirms drone strike on Camp Taji"
    text = ("Minister confirms drone strike on Camp Taji\nWhat happened\nIn brief\n"
            "The defence minister has confirmed that a drone strike hit Camp Taji north of Baghdad.\n"
            "Speaking at a ceremony in Baghdad, he said the army had learned of the attack at dawn on May 3.\n"
            "Officials had earlier denied any damage at the base.")
    [report] = detect(text, date(2024, 5, 10), title).primary
    assert report.attack_date == date(2024, 5, 3)


def test_a_possessive_and_a_purpose_word_describe_an_installation():
    text = "Gunmen attacked a security forces' fort in Khar on Monday night, killing two soldiers, officials said."
    assert detect(text, date(2024, 7, 2), "").primary
    text = "Rebels attacked an Army patrol base in Catubig town on Monday, wounding a soldier, the army said."
    assert detect(text, date(2024, 7, 2), "").primary


def test_a_unit_s_headquarters_is_named_by_its_unit_unless_it_is_part_of_a_named_base():
    text = ("Rebel artillery shells the headquarters of the Sudanese army's 16th Infantry Division in Nyala on "
            "Sunday, killing three soldiers.")
    [report] = detect(text, date(2024, 7, 8), "").primary
    assert report.base.startswith("16th Infantry Division headquarters")
    text = ("Militants fired mortars at Camp Bagong, the headquarters of the Army's 9th Infantry Division, on Sunday. "
            "A militia said it had targeted the headquarters of the 9th Infantry Division at the base.")
    assert [r.base for r in detect(text, date(2024, 7, 8), "").primary] == ["Camp Bagong"]


def test_jets_scrambled_or_flown_from_a_base_do_not_make_it_a_target():
    text = "Two fighter jets were scrambled from the Kalmar air base on Tuesday as drones attacked a port nearby."
    assert not detect(text, date(2024, 7, 10), "").primary


@pytest.mark.parametrize("sentence, killed, wounded", [
    ("Another soldier died in hospital on Friday, bringing to three the number of soldiers killed.", 3, None),
    ("One more soldier died of his wounds on Monday, raising the death toll to six.", 6, None),
    ("Gunmen opened fire on the troops, killing four of them, officials said.", 4, None),
    ("Five service members had been treated for traumatic brain injuries, an official said.", None, 5),
    ("Two other soldiers who were wounded are in stable condition.", None, 2),
    ("Hughes, Ortega and two contractors were killed in the blast.", 4, None),
    ("The drone strike killed at least 12 people and wounded 40.", 12, 40),
])
def test_casualty_phrasings(sentence, killed, wounded):
    assert casualties([sentence])[:2] == (killed, wounded)


def test_a_claim_the_army_denies_is_still_a_claim_and_an_acronym_is_spelled_out():
    text = ("Fighters of the Eastern Liberation Front attacked the army base in Kutum on Sunday, killing two soldiers. "
            "The ELF, in a video posted on its Telegram channel, said its fighters had stormed the base, a claim the "
            "army denied.")
    [report] = detect(text, date(2024, 8, 6), "").primary
    assert report.claimed_by == "Eastern Liberation Front"


def test_the_date_after_a_claim_is_when_the_claim_came():
    text = ("Insurgents stormed the army base in Mocimboa on Saturday, killing nine soldiers, officials said. "
            "The Islamic State group claimed the attack in a statement carried by its Amaq news agency late on "
            "Monday, saying its fighters had killed nine soldiers.")
    [report] = detect(text, date(2024, 8, 6), "").primary
    assert report.claimed_by == "Islamic State"


def test_a_base_s_place_name_before_a_word_for_an_area_names_the_area():
    text = ("Israeli jets struck the T-4 airbase on Tuesday night, Syrian media said. The attack was carried out by "
            "a warplane over the Al-Tanf zone, a source said.")
    assert [r.base for r in detect(text, date(2020, 9, 3), "").primary] == ["T-4 Air Base"]


def test_a_place_named_with_and_is_one_place():
    text = ("Militants attacked an army camp near a brigade headquarters here in Jammu and Kashmir early on Sunday, "
            "killing nine soldiers. "
            "The attackers barged into the camp near Poonch town at dawn.")
    [report] = detect(text, date(2024, 9, 15), "").primary
    assert report.base == "Unnamed military base, Poonch"


def test_translated_copy_names_the_army_s_position_by_its_town():
    text = ('"On Sunday, hundreds of assailants attacked" the position of the army of Kirtachi, the ministry said in '
            "a statement, giving a toll of twelve soldiers killed.")
    [report] = detect(text, date(2024, 9, 17), "").primary
    assert report.base == "Unnamed military base, Kirtachi"


def test_a_comparison_dated_near_the_news_is_still_background():
    text = ("Gunmen attacked the Tillia army post on Thursday, killing 14 soldiers, the ministry said. The attack comes "
            "a month after a similar raid on the Inates camp on Wednesday, the ministry added.")
    assert [r.base for r in detect(text, date(2020, 1, 10), "").primary] == ["Tillia army post"]


def test_a_place_adjective_does_not_name_a_base():
    text = ("Drones struck the Saky airfield on Friday, leaving a hangar of the Crimean air base burning, officials "
            "said.")
    assert len(detect(text, date(2023, 9, 23), "").primary) == 1


def test_a_plain_word_after_the_article_says_what_kind_of_installation():
    text = ("Bagh, Sept. 18: The garrison town of Bagh woke to explosions. Militants had struck at an administrative "
            "base of an army unit at dawn on Sunday, killing nine soldiers, the army said.")
    [report] = detect(text, date(2024, 9, 18), "").primary
    assert report.base == "Unnamed military base, Bagh"


def test_a_fan_base_or_a_political_base_is_not_an_installation():
    text = "The striker's attack on the referee angered the club's fan base on Saturday."
    assert not detect(text, date(2024, 9, 18), "").is_attack_report


def test_a_pronoun_subject_goes_on_with_the_past_sentence_before_it():
    text = ("Three rockets struck the Green Village base on Sunday, the command said. In last month's attack, two "
            "fighters were killed in strikes on two facilities.\nAdvertisement\nIt said that several rockets landed "
            "inside the perimeter of Mission Support Site Conoco.")
    assert [r.base for r in detect(text, date(2022, 9, 19), "").primary] == ["Green Village (al-Omar oil field)"]


def test_where_a_source_is_based_is_not_what_the_base_refers_to():
    text = ("Jihadists overran the Boulikessi army camp on Sunday, the army said. A municipal source based in nearby "
            "Mondoro said the fighters left many dead. Footage showed dozens of fighters storming the base.")
    assert [r.base for r in detect(text, date(2025, 6, 2), "").primary] == ["Boulikessi army camp"]


@pytest.mark.parametrize("sentence, family", [
    ("The pre-dawn assault on the Kunduz army base lasted several hours.", "ground_assault"),
    ("Militants infiltrated the camp before dawn, officials said.", "ground_assault"),
    ("The rocket assault on the base caused no damage.", "rocket"),
    # an installation taken by force was assaulted on the ground, whatever else was used
    ("Insurgents said they had captured the Tin-Akoff army post after a night of fighting.", "ground_assault"),
    ("Rebels took full control of the Kamina airfield on Tuesday, a spokesman said.", "ground_assault"),
    ("Gunmen ambushed a gendarmerie camp near Djibo before dawn.", "ground_assault"),
    # what is seized or captured must be the installation
    ("Soldiers at the base seized two rocket launchers from the militants.", "rocket"),
])
def test_ground_assault_phrasings(sentence, family):
    found = weapons([sentence])
    assert family in found and (family == "ground_assault" or "ground_assault" not in found)


def test_the_group_named_as_the_doer_is_suspected_when_nobody_claims():
    text = "Boko Haram fighters stormed the army base in Gajiram on Sunday, killing five soldiers, residents said."
    [report] = detect(text, date(2024, 10, 7), "").primary
    assert (report.claimed_by, report.suspected) == (None, "Boko Haram")
    text += " Boko Haram claimed the attack in a video on Monday."
    [report] = detect(text, date(2024, 10, 7), "").primary
    assert (report.claimed_by, report.suspected) == ("Boko Haram", None)


def test_the_group_a_statement_says_fired_is_suspected_glossed_or_not():
    text = ("The ministry said the Khawarij (al-Shabaab) fired nine mortar shells at the army base in Balcad on "
            "Monday night. Two soldiers were wounded.")
    [report] = detect(text, date(2025, 3, 4), "").primary
    assert (report.claimed_by, report.suspected) == (None, "al-Shabaab")


def test_the_capital_named_after_a_comma_places_the_installation():
    text = ("Rebels said they launched a drone attack on Thursday on a military headquarters in the capital, "
            "Naypyidaw, but the army said all drones were shot down.")
    [report] = detect(text, date(2024, 4, 5), "").primary
    assert report.base == "Unnamed military base, Naypyidaw"


def test_an_island_places_the_installation():
    text = "Militants attacked an army base on the island of Kaiga in Lake Chad on Monday, killing 12 soldiers."
    [report] = detect(text, date(2020, 3, 24), "").primary
    assert report.base == "Unnamed military base, Kaiga"


def test_a_town_near_which_something_happened_is_not_its_namesake_base():
    text = ("A drone hit a hangar at Erbil airport on Wednesday, officials said. A separate rocket attack about "
            "60 miles away killed a Turkish soldier near Bashiqa, Iraq.")
    [report] = detect(text, date(2021, 4, 15), "").primary
    assert report.base == "Erbil Air Base" and report.killed is None


def test_a_former_identity_and_an_apposition_are_the_named_base_not_others():
    sentence = ("A Taliban raid on Camp Shorab, a base situated on what used to be Camp Bastion, the former British "
                "airbase, and Camp Leatherneck, the old US Marine Corps base in Helmand, killed 23 soldiers on Friday.")
    mentions, _ = read_mentions(article_sentences(sentence), date(2019, 3, 2))
    assert {m.ref.name for m in mentions} == {"Camp Shorab"}


def test_a_headline_about_a_displacement_camp_frames_the_camps_the_story_names():
    title = "Army kills 19 in displacement camp strike"
    text = ("At least 19 people were killed in a strike on a camp for displaced people in northern Kachin on Monday. "
            "The attack hit Hpakant Lawt camp near Laiza town late on Monday, a rebel spokesman said.")
    assert not detect(text, date(2023, 10, 10), title).is_attack_report


def test_a_city_that_locates_a_town_is_not_a_listed_base_among_bases():
    text = ("Rockets landed near the bases of Peshmerga forces on the outskirts of Sargaran town in Kirkuk on Tuesday, "
            "a commander said.")
    assert all(r.base != "K-1 Air Base" for r in detect(text, date(2021, 12, 8), "").primary)
    text = "Rockets struck the military bases at Al-Asad and Erbil on Tuesday, officials said."
    assert {r.base for r in detect(text, date(2021, 12, 8), "").primary} == {"Ain al-Asad Air Base", "Erbil Air Base"}


def test_an_air_defence_tally_over_regions_is_not_the_attack_s_count():
    assert projectiles(["Air defences destroyed 52 drones overnight over the Kursk, Bryansk and Oryol regions."]) is None
    assert projectiles(["Militants fired 52 rockets at the base overnight."]) == 52


def test_a_nationwide_tally_of_several_weapons_is_not_the_attack_s_count():
    assert projectiles(["Russia launched eight missiles and 95 drones across the country overnight."]) is None


def test_counts_joined_by_and_are_one_salvo():
    assert projectiles(["The camp was hit by four missiles and twelve Shahed-type drones on Friday."]) == 16
    assert projectiles(["A ballistic missile and two explosive-laden drones struck the air base."]) == 3
    assert projectiles(["Rebels fired six rockets, two mortar shells and a drone at the post."]) == 9


def test_a_count_reaches_its_weapon_across_modifiers_and_model_names():
    assert projectiles(["Two explosive-laden quadcopters struck a watchtower of the fort."]) == 2
    assert projectiles(["Ukraine fired five U.S.-supplied ATACMS missiles at the airfield."]) == 5
    assert projectiles(["A Russian Iskander missile struck the training ground on Sunday."]) == 1
    assert projectiles(["A Shahed drone hit the airfield overnight."]) == 1


def test_auxiliaries_count_with_soldiers_and_a_unit_named_by_for_stands_before_the_verb():
    text = "Twelve soldiers and five volunteers for the defence of the homeland (VDP) were killed on Saturday."
    assert casualties([text])[:2] == (17, None)
    assert casualties(["Twenty-two other defenders were wounded, some of them seriously."])[:2] == (None, 22)


def test_indirect_fire_is_mortars_only_where_the_article_names_mortars_and_no_rockets():
    lead = "The base came under indirect fire early on Sunday, the mission said."
    assert weapons([lead], [lead, "It did not give the number of mortar rounds fired."]) == ("mortar",)
    assert weapons([lead], [lead, "Two Katyusha rockets and a mortar round were found."]) == ("rocket",)
    assert weapons([lead], [lead]) == ("rocket",)


def test_a_forward_operating_base_is_named_by_the_name_before_it_not_by_its_province():
    text = ("At least ten mortar shells struck the Qoryooley forward operating base in Lower Shabelle early on Sunday, "
            "killing two soldiers, an official said.")
    (report,) = detect(text, date(2024, 11, 18), "").primary
    assert report.base == "Qoryooley forward operating base" and report.attack_date == date(2024, 11, 17)


def test_what_the_army_keeps_at_an_airport_is_known_by_the_airport_s_name():
    text = ("Gunmen attacked Gao airport before dawn on Friday, officials said. Three rockets were fired at the "
            "airport, where the army keeps a helicopter detachment, a security source said.")
    (report,) = detect(text, date(2024, 5, 11), "").primary
    assert report.base == "Gao airport" and report.attack_date == date(2024, 5, 10)
    text = ("Three rockets were fired at a helicopter detachment near Gao on Friday, a security source said. "
            "Flights at Gao airport were not affected.")
    assert all(r.base != "Gao airport" for r in detect(text, date(2024, 5, 11), "").primary)


def test_ordnance_released_from_a_drone_is_an_impact_like_ordnance_dropped():
    assert attack_cue("Explosives were released from the drone over the Erbil air base on Wednesday.") is not None
    assert attack_cue("The group released a video of its drones flying over the Erbil air base.") is None


def test_the_day_a_wounded_soldier_died_is_not_the_attack_s():
    text = ("A soldier wounded in a mortar attack on the Qoryooley forward operating base died of his injuries on "
            "Monday, an official said. At least ten mortar shells struck the base in the early hours of Sunday.")
    (report,) = detect(text, date(2024, 11, 19), "").primary
    assert report.attack_date == date(2024, 11, 17)


def test_an_airport_the_army_uses_is_the_installation_each_time_it_is_named():
    text = ("Jihadists attacked the airport at Gao with drones and rockets on Friday, killing two soldiers, officials "
            "said. Three rockets were fired at the airport, where the army keeps a helicopter detachment.")
    (report,) = detect(text, date(2024, 5, 11), "").primary
    assert (report.base, report.killed, report.weapons) == ("Gao airport", 2, ("rocket", "drone"))


def test_who_attacked_is_not_how_when_the_weapons_are_named():
    assert weapons(["Jihadists hit the camp with drones and rockets on Friday."]) == ("rocket", "drone")
    assert "ground_assault" in weapons(["Jihadists stormed the camp after firing rockets at it on Friday."])
    # firing is how gunmen attack when no deed of an assault is told
    assert weapons(["Armed men fired at the army outpost from a ridge for an hour before fleeing."]) == ("gunfire",)
    assert weapons(["Gunmen breached the fence of the outpost and opened fire on the barracks."]) == \
        ("gunfire", "ground_assault")


def test_a_swarm_is_many_whatever_one_sentence_says():
    assert projectiles(["A drone launched by Hezbollah hit the base.",
                        "Hezbollah said it had fired a swarm of attack drones on the camp."]) is None


def test_an_origin_ends_where_a_preposition_aims_at_the_base():
    text = ("A salvo of six rockets was fired from Lebanon at the Zar'it barracks on Monday evening, two of which were "
            "intercepted, the military said. A reservist was lightly wounded.")
    (report,) = detect(text, date(2024, 2, 20), "").primary
    assert report.base == "Zar'it barracks" and report.projectiles == 6
    text = "Drones launched from the Kharab al-Jir airstrip at the village were shot down on Monday, officials said."
    assert not any("Kharab" in r.base for r in detect(text, date(2024, 2, 20), "").primary)


def test_a_sentence_that_denies_the_attack_on_the_base_reports_none():
    text = ("A car bomb killed six people at a livestock market near the gate of an army base in Jowhar on Monday. "
            "The base was not targeted, an officer said.")
    assert not detect(text, date(2025, 1, 28), "").primary


def test_a_review_or_podcast_headline_frames_an_old_attack():
    text = "Officials said at least 60 soldiers were killed in the attack on Camp Shaheen, the deadliest of the war."
    assert not detect(text, date(2024, 4, 20), "Podcast review: the day Camp Shaheen fell").primary


@pytest.mark.parametrize("texts, killed, wounded", [
    # a date's digits before the sentence are not a count
    (["2024-05-16 One soldier was killed and two others were wounded in the raid."], 1, 2),
    # "another N": the second group of the same sentence
    (["Nine marines were killed and another 14 injured when the camp was overrun."], 9, 14),
    # a multiplier after the number word: no exact count
    (["Over three dozen troops were injured in the shelling."], None, None),
    # "left N X injured": the result of the attack
    (["The assault also left 12 security forces wounded, officials said."], None, 12),
    # the attackers' own dead, named by their group, are not the toll
    (["A drone strike later hit a pickup near Kfar Kila, killing two Hezbollah members."], None, None),
    # "no one had been killed or injured" zeroes both; "no marines were killed" only the dead
    (["The ministry said no one had been killed or injured in the strike."], None, None),
    # a unit named between the article and the person
    (["A Somali National Army soldier was killed in the mortar attack."], 1, None),
    # a commander among the dead is one of them
    (["The attack claimed the lives of a battalion commander, two captains, and 11 soldiers."], 14, None),
    # "another N" / "a further N" after the verb is a second group it counts, even with the event after it
    (["Rebels shelled the outpost, killing four troops and wounding a further 17 in a night-long assault."], 4, 17),
    (["The militia's drones killed three guards and injured another 9 during the raid on the depot."], 3, 9),
    # the hurt counted as people described by their wounds; wounded men who died are counted with the dead
    (["Doctors at the garrison hospital said they were treating 23 wounded soldiers after the barrage."], None, 23),
    (["The army said 5 critically injured conscripts were airlifted to the capital."], None, 5),
    (["Two wounded cadets died overnight, the academy's commander said."], 2, None),
    # a breakdown set off by commas after the count is the same people, not more of them
    (["Nine troops, seven Ugandans and two Somalis, were killed when the outpost was shelled."], 9, None),
    (["Four others, three gendarmes and a cook, were injured in the mortar fire."], None, 4),
    # a post's sentry and the ranks of South Asian armies are people
    (["The gunfire injured a sentry and killed two sepoys."], 2, 1),
    # a hospital's or residents' count of the bodies is the dead
    (["A doctor in the town said the bodies of eight soldiers had been brought to the morgue."], 8, None),
])
def test_casualty_counts_read_from_how_tolls_are_worded(texts, killed, wounded):
    assert casualties(texts)[:2] == (killed, wounded)


def test_zero_statements_say_which_count_they_zero():
    assert casualties(["The ministry said no one had been killed or injured in the strike."])[2:] == (True, True)
    assert casualties(["No soldiers were killed, but several were hurt, the army said."])[2:] == (True, False)


def test_a_breakdown_of_the_dead_by_side_gives_the_defenders_count():
    texts = ["Eleven people were killed at the army post in Kurram on Friday.",
             "Police said five militants and six soldiers were killed in the hours-long gunfight."]
    assert casualties(texts)[0] == 6


def test_a_toll_the_story_calls_initial_gives_way_to_any_other():
    texts = ["An initial count had put the dead at 14, and 14 soldiers were killed according to first reports.",
             "Militants who stormed the camp at Diapaga left 37 soldiers dead, the army said on Sunday."]
    assert casualties(texts)[0] == 37
    # the sentence that revises the earlier figure is itself the latest
    assert casualties(["Twelve soldiers were killed, the army said, raising an earlier toll of seven.",
                       "Militants claimed to have killed 40 soldiers."])[0] == 12


def test_facts_told_after_another_event_s_after_phrase_are_that_event_s():
    text = ("The assault on the Tillia military post comes three weeks after a raid on the Abala camp, which claimed "
            "the lives of 18 soldiers. The Tillia post was attacked by gunmen on motorbikes on Thursday.")
    [report] = detect(text, date(2025, 3, 8), "Gunmen attack Tillia military post").primary
    assert report.base.startswith("Tillia") and report.killed is None


def test_an_advanced_post_is_a_forward_post():
    text = ("A new report on the attack on Gorom's advanced military post on March 3 says 22 soldiers were killed.")
    [report] = detect(text, date(2025, 3, 6), "").primary
    assert report.killed == 22


@pytest.mark.parametrize("texts, killed, wounded", [
    (["Regrettably, three gallant soldiers paid the supreme price, while five others were wounded in action."], 3, 5),
    (['"We lost nine brave soldiers, and four others were wounded," the governor said.'], 9, 4),
    (["Provisional toll among the defenders: seven dead and twelve wounded."], 7, 12),
    (["The six other wounded soldiers are in stable condition."], None, 6),
    (["Three servicemen at the airfield had been lightly hurt by debris."], None, 3),
    (["Two Nepalese peacekeepers serving with the UN mission were killed when the camp was shelled."], 2, None),
    # the attackers' claim of what they killed is read only when nobody else counts
    (["The group claimed the attack, saying its fighters had killed 50 soldiers.",
      "The army said six soldiers were killed."], 6, None),
    # "also" adds a group to the count given before
    (["Three soldiers were wounded in the attack.", "A militia member was also wounded."], None, 4),
    # wounded who died moved to the dead
    (["The shelling hit the camp, claiming the lives of five soldiers.", "Twenty soldiers were wounded.",
      "The toll rose to seven after two of the wounded died in hospital."], 7, 18),
])
def test_tolls_told_across_sentences_and_in_officialese(texts, killed, wounded):
    assert casualties(texts)[:2] == (killed, wounded)


def test_an_owner_in_the_possessive_determines_the_installation():
    text = "Rebels attacked the mission's base near Kamango on Tuesday night, killing two peacekeepers, the UN said."
    [report] = detect(text, date(2022, 3, 9), "").primary
    assert report.killed == 2


def test_saying_a_base_is_within_range_is_a_threat_not_an_attack():
    text = ('A militia commander warned on Tuesday that Camp Lemonnier is "within the range of our drones" if it is '
            "used to launch strikes.")
    assert not detect(text, date(2024, 2, 22), "").is_attack_report


def test_an_undated_quote_names_the_attack_the_narration_dates():
    text = ("The company won a contract to protect bases from drones on Tuesday. "
            '"The attack on Tower 22 changed everything," an analyst said. Three soldiers were killed in the drone '
            "attack on the outpost in January.")
    assert not detect(text, date(2024, 8, 28), "Defence firm wins drone contract").primary


def test_an_arabic_article_in_lower_case_begins_a_name():
    text = "Two drones struck the al-Sahel military camp in Aden's Tawahi district on Sunday, wounding four soldiers."
    [report] = detect(text, date(2023, 5, 8), "").primary
    assert report.base == "al-Sahel military camp"


@pytest.mark.parametrize("texts, killed, wounded", [
    # "a total of" sums what partial counts told first
    (["Five soldiers suffered severe injuries, the army said.", "A total of 38 people were wounded in the attack."],
     None, 38),
    (["One soldier has been killed and four others injured in the operation."], 1, 4),
])
def test_totals_and_perfect_tense_tolls(texts, killed, wounded):
    assert casualties(texts)[:2] == (killed, wounded)


def test_a_rank_abbreviation_does_not_end_the_sentence():
    text = "Spc. Dana Ortiz, 24, was killed in the attack on the camp on Sunday. Two others were wounded."
    assert [s.text for s in article_sentences(text)] == [
        "Spc. Dana Ortiz, 24, was killed in the attack on the camp on Sunday.", "Two others were wounded."]


def test_raids_in_the_plural_report_an_attack_and_a_condemnation_dates_its_overnight():
    text = "The government on Monday condemned overnight air raids against the Wadi Fayd air base, calling them a crime."
    [report] = detect(text, date(2020, 7, 8), "").primary
    assert report.attack_date == date(2020, 7, 6)


def test_an_outlet_named_today_dates_nothing_and_a_province_s_district_places_the_base():
    text = ("KANDAHAR (Southern Afghanistan Today) - Taliban fighters stormed an army base in Helmand province's Nad Ali "
            "district yesterday, killing four soldiers, officials said.")
    [report] = detect(text, date(2019, 4, 9), "").primary
    assert report.attack_date == date(2019, 4, 8)
    assert "Nad Ali" in report.base


def test_a_unit_s_headquarters_in_a_named_barracks_is_part_of_it():
    text = ("Two drones hit the Shomera barracks near the Lebanese border on Thursday, wounding three soldiers. "
            'Hezbollah claimed the attack, saying it had launched drones at "the headquarters of the 146th Division in '
            'Shomera barracks" on Wednesday.')
    assert [r.base for r in detect(text, date(2024, 6, 14), "").primary] == ["Shomera barracks"]


@pytest.mark.parametrize("text, group", [
    ("Suspected Allied Democratic Forces (ADF) rebels attacked the army camp at Kamango on Monday, killing two soldiers.",
     "Allied Democratic Forces"),
    ("The army blamed the ELN for the drone attack on the battalion base in Tame on Monday.", "ELN"),
    ("Officials blamed Dawlah Islamiyah gunmen for the attack on the army detachment in Butig on Saturday.",
     "Dawlah Islamiyah"),
])
def test_armed_groups_outlets_name_are_known(text, group):
    [report] = detect(text, date(2023, 7, 25), "").primary
    assert report.suspected == group


@pytest.mark.parametrize("texts, wounded", [
    (["A civilian who works as a cook in the base's kitchen was wounded in one arm."], 1),
    (["Two interpreters were injured by shrapnel."], 2),
])
def test_who_the_wounded_are_and_civilian_staff_roles(texts, wounded):
    assert casualties(texts)[1] == wounded


def test_a_weekday_before_a_speech_verb_is_when_the_source_spoke():
    text = ("The Defense Department on Tuesday identified a soldier killed in an attack on the army camp at Baidoa. "
            "Sgt. Ann Lee, 26, was killed during the attack on the Baidoa camp on Monday, the Pentagon said.")
    [report] = detect(text, date(2020, 1, 8), "").primary
    assert report.attack_date == date(2020, 1, 6)


def test_a_named_installation_stands_where_the_text_places_it():
    text = ("Israel launched air strikes on April 2, targeting the T4 airbase near Homs and the military airport in "
            "Hama. State media said the strikes caused heavy damage to the Hama military airport.")
    reports = {r.base: r for r in detect(text, date(2025, 4, 3), "").primary}
    hama = next(r for name, r in reports.items() if "Hama" in name)
    assert hama.country == "Syria" and hama.latitude is not None


def test_an_unlisted_place_falls_back_to_the_district_the_text_names():
    text = ("Militants stormed an army base in the Zarkani area on Tuesday, killing six soldiers. The attack took place "
            "in the remote district of Dera Ismail Khan, officials said.")
    [report] = detect(text, date(2023, 12, 13), "").primary
    assert report.country == "Pakistan" and report.latitude is not None


def test_a_time_that_looks_back_dates_the_attack_before_it_and_keeps_its_toll():
    text = ("Gunmen attacked a military camp in northern Burkina Faso three days ago, killing 14 soldiers, the army "
            "said. The earlier toll given for Friday's raid on the Koutougou camp was nine soldiers killed.")
    [report] = detect(text, date(2021, 3, 8), "").primary
    assert report.killed == 14


def test_a_date_closing_an_outlet_dateline_is_the_filing_day():
    text = ("Maiduguri, (Lake Chad Courier - 9th Mar, 2021 ) : Insurgents attacked the army base in Marte "
            "yesterday, killing seven soldiers.")
    [report] = detect(text, date(2021, 3, 9), "").primary
    assert report.attack_date == date(2021, 3, 8)


def test_a_named_day_outranks_a_day_counted_back_from_publication():
    text = ("A suicide bomber struck an army base in Marte two days ago. "
            "The bomber attacked the gate of the Marte base on Friday morning, officials said.")
    [report] = detect(text, date(2021, 3, 8), "").primary
    assert report.attack_date == date(2021, 3, 5)


def test_the_attack_a_reaction_came_hours_after_is_the_news():
    text = ("The governor's order came hours after three rockets were fired at Camp Taji early on Monday. "
            "One rocket landed inside the base.")
    [report] = detect(text, date(2023, 5, 15), "Governor orders hunt for rocket cells").primary
    assert report.base == "Camp Taji" and report.attack_date == date(2023, 5, 15)


def test_a_base_placed_in_a_municipality_is_named_by_it():
    text = "Dissidents attacked the army base in the municipality of Argelia on Sunday, killing a soldier."
    [report] = detect(text, date(2024, 8, 12), "").primary
    assert "Argelia" in report.base and report.killed == 1


@pytest.mark.parametrize("text", [
    "Gunmen attacked the Darazinda police post on Friday. \"No installation of the army was targeted,\" police said.",
    "Explosions at an ammunition store inside Camp Taji on Monday were caused by the heat, not by an attack.",
    "Reports on social media that a drone had struck a hangar at Camp Taji on Monday were false, the ministry said.",
    "The soldiers bombarded the visitors' box from the first whistle, and a rocket from thirty metres by a private "
    "based at Camp Taji finally struck in the 71st minute.",
])
def test_denials_quantifiers_and_match_reports_are_not_attacks(text):
    assert not detect(text, date(2023, 5, 15), "").is_attack_report


@pytest.mark.parametrize("title, text, claimed, suspected", [
    ("", "Rockets hit Camp Taji on Monday. Officials said Kataib Hezbollah was behind Monday's attack, which was "
         "claimed by the Islamic Resistance in Iraq.", "Islamic Resistance in Iraq", "Kataib Hezbollah"),
    ("Drones hit Camp Taji; Iran-aligned group claims attack",
     "Two drones struck Camp Taji on Monday. The Islamic Resistance in Iraq said in a statement on Telegram that it "
     "had targeted the base.", "Islamic Resistance in Iraq", None),
    ("", "Al-Shabaab said on its radio station that its fighters had shelled Camp Simba on Monday.", "al-Shabaab",
     None),
    ("", "09:12 - Hezbollah says it launched 20 rockets at the Biranit barracks on Monday.", "Hezbollah", None),
    ("", "The Inates post was the target on Monday of an attack by several hundred terrorists of the so-called Islamic "
         "State in the Greater Sahara, the ministry said.", None, "Islamic State Sahel Province"),
])
def test_claimants_in_the_passive_in_the_present_and_through_their_media(title, text, claimed, suspected):
    [report] = detect(text, date(2023, 5, 15), title).primary
    assert (report.claimed_by, report.suspected) == (claimed, suspected)


def test_a_description_beside_the_name_tells_the_named_attack():
    text = ("BAGHDAD (Wire) - Three drones targeted a base hosting coalition troops at Camp Taji late on Saturday, "
            "officials said. A coalition spokesperson confirmed a one-way attack drone incident at the base.")
    [report] = detect(text, date(2025, 10, 12), "Drones target coalition base at Camp Taji").primary
    assert report.projectiles == 3


def test_people_words_as_modifiers_and_mines_as_explosive_devices():
    assert casualties(["Rockets struck the base, wounding two American service members and three civilian "
                       "contractors."])[1] == 5
    assert weapons(["Rebels set off an anti-personnel mine near the perimeter of the patrol base."]) == ("ied",)


def test_a_follow_sentence_naming_one_installations_place_speaks_of_that_one():
    text = ("Israeli jets struck the T4 airbase near Homs and the military airport in Hama on Wednesday, state media "
            "said. A war monitor said four soldiers were killed in the Hama strikes.")
    reports = {r.base: r for r in detect(text, date(2025, 4, 3), "").primary}
    hama = next(r for name, r in reports.items() if "Hama" in name)
    assert (reports["T-4 Air Base"].killed, hama.killed) == (None, 4)


def test_a_units_name_and_its_home_base_are_not_the_attacked_installation():
    sentence = ("He was a member of the 2nd Battalion, 58th Aviation Regiment, 164th Theater Airfield Operations Group "
                "from Fort Rucker in Alabama.")
    [ref] = base_refs(sentence)
    assert ref.name == "Fort Rucker" and is_origin(sentence, ref)


def test_no_us_casualties_from_the_force_at_the_base_is_no_casualties():
    text = ("U.S. forces at Al Dhafra Air Base engaged two inbound missiles on Monday, a spokesman said. "
            "\"There were no U.S. casualties,\" he added.")
    [report] = detect(text, date(2022, 1, 24), "").primary
    assert (report.killed, report.wounded) == (0, 0)


@pytest.mark.parametrize("title, text", [
    # trials, handovers, accidents and sport (round 19's categories)
    ("Two men jailed for helping militants attack Camp Taji",
     "A court in Baghdad on Tuesday jailed two men for 20 years for helping the militants who attacked Camp Taji in "
     "March 2020. In the attack, rockets struck the base and wounded three soldiers."),
    ("Coalition hands Camp Taji to Iraqi army",
     "Coalition troops on Tuesday handed over Camp Taji to the Iraqi army. The Iraqi commander said his soldiers "
     "were ready to defend it against any attack. The base has come under repeated rocket attacks since 2019."),
    ("Three soldiers hurt in mortar accident at Camp Taji",
     "Three soldiers were wounded on Monday when a mortar round exploded in its tube at Camp Taji during training. "
     "The army ruled out an attack and opened an investigation."),
    ("Army's spin attack fires as Police crumble at Kohat cantonment ground",
     "Army's spin attack ripped through Police on the second day at the Kohat cantonment ground on Saturday, "
     "bowling them out for 98. Their leg-spinner took five wickets as the batsmen fell to sweeps."),
    # fire from a base, a review of a work
    ("Troops pound militant hideouts near Lake Chad",
     "Troops fired artillery from their base in Monguno at militant positions on Monday, as jets struck a camp used by "
     "the militants, the army said. \"The artillery fire from the base in Monguno destroyed the terrorists' store and "
     "several gun trucks,\" it said."),
    ("Review: 'Firebase Echo' makes you hold a camp that is attacked every night",
     "In the game, rockets hit Camp Taji every few minutes and the player must repair the walls."),
    # a blast denied or explained, troops who come from a base, a camp for the displaced, a football score
    ("Loud bangs near Camp Taji were a sonic boom, army says",
     "Residents near Camp Taji reported two loud explosions on Tuesday evening, and social media users claimed the "
     "base had come under rocket attack. The army said the noise was a sonic boom from a jet on a training flight and "
     "that no attack had taken place."),
    ("Blasts heard at Ain al-Asad were controlled detonations",
     "Explosions heard at Ain al-Asad air base on Tuesday were controlled detonations of old munitions, a coalition "
     "spokesman said, after reports of a rocket attack spread online. There was no attack on the base, he said."),
    ("Gunfire and fireworks near Erbil base were celebrations, police say",
     "Shots and fireworks heard near the coalition base at Erbil airport on Tuesday night were part of a wedding "
     "celebration, police said, denying rumours of an attack on the base."),
    ("Militants attack prison in Niger's Koutoukale",
     "Militants attacked the high-security prison at Koutoukale on Tuesday night, trying to free detained jihadists, "
     "the interior ministry said. Soldiers from a nearby army camp repelled the attack."),
    ("Gunmen attack displacement camp near army base in Ituri",
     "Gunmen attacked a camp for displaced people near an army base in Djugu territory on Tuesday night, killing "
     "eleven civilians, local officials said. Soldiers from the base drove the attackers away."),
    ("Troops at Bannu cantonment repel militants, kill five",
     "Security forces from the Bannu cantonment attacked a militant hideout in the nearby hills on Tuesday, killing "
     "five terrorists, the ISPR said."),
    ("Army FC storm to victory at Camp Taji stadium",
     "Army FC attacked from the first minute and stormed to a 3-0 win over Police SC at the Camp Taji stadium on "
     "Tuesday."),
    # fire from a base told with several weapons, a denial in the headline, a threat, a review named after the work
    ("Army shells Taliban positions near Razmak",
     "Soldiers fired rockets and heavy artillery from the Razmak garrison towards militant positions on Wednesday, "
     "officials said. Shopkeepers said the shelling from the garrison shook windows across the town."),
    ("Harir blasts were a controlled demolition, Peshmerga say",
     "A string of explosions heard on Tuesday near Harir was the controlled demolition of seized explosives by "
     "Peshmerga engineers, the ministry said. Several Telegram channels had said that drones struck the Harir base."),
    ("Iraqi militia calls U.S. bases in Syria legitimate targets",
     "An Iraqi militia said on Tuesday that the Al-Tanf garrison and the Conoco base were legitimate targets if the "
     "air strikes continued."),
    ("'Outpost Nine' review: a war film with no way out",
     "The film follows a fictional base in Helmand that is attacked by Taliban fighters on its last night."),
    # an ambush placed by its distance from a base, a period since an old attack, an attack foiled before it came,
    # a fact check
    ("Patrol ambushed on the road to Gao",
     "A convoy left Camp Taji at dawn. The lead truck hit a roadside bomb on Monday about 15 kilometres west of the "
     "camp, killing two soldiers."),
    ("Base security reviewed, minister says",
     "Perimeter walls have been raised at every border post since the 2019 attack on Camp Taji, the minister said "
     "on Monday."),
    ("Air force destroys militant column near Djibo",
     "Air force jets destroyed a column of militants heading for Camp Taji on Sunday, foiling what the army called a "
     "major attack."),
    # a rumour denied in other words, an assault that was only planned, a road out of a base
    ("Army denies rumour of attack on Gao camp",
     "The army on Tuesday denied rumours circulating on WhatsApp that its camp in Gao had been attacked overnight. "
     "'Calm reigns in Gao,' a spokesman said."),
    ("Pre-emptive strike foils militants' plan to storm Bannu cantonment",
     "Security forces killed twelve militants in the hills north of Bannu on Tuesday, thwarting a planned assault on "
     "the Bannu cantonment, the ISPR said."),
    ("Convoy ambushed on road out of Camp Taji",
     "Gunmen ambushed a supply convoy on Tuesday on the highway about 30 km south of Camp Taji, wounding two "
     "drivers, police said."),
    # a rumour after a loud bang, a convoy ambushed after leaving a base, an almanac, an attack being prepared, a fact
    # check whose headline names the base and the claimed attack
    ("Loud bang near Camp Taji was a transformer, officials say",
     "Residents heard a loud bang near Camp Taji late on Monday, sparking rumours online of an attack on the base. "
     "Officials said a transformer had exploded in the rain."),
    ("Two soldiers killed in ambush north of Baghdad",
     "Gunmen ambushed an army convoy on Tuesday about 20 kilometres after leaving Camp Taji, killing two soldiers."),
    ("On this day in history: March 14",
     "2020: Rockets hit Camp Taji north of Baghdad, wounding several coalition soldiers."),
    ("Jets destroy militant column preparing attack on Camp Taji",
     "Iraqi jets struck a group of militants who were preparing to attack Camp Taji on Monday, the army said."),
    ("Fact check: no damage at Ain al-Asad after claims of missile attack",
     "Posts shared since Sunday say missiles hit Ain al-Asad air base. Satellite images taken on Monday show no "
     "damage."),
    ("Fact check: the video of burning hangars is not from Ain al-Asad",
     "A video shared online since Sunday is said to show a missile attack on Ain al-Asad air base. It was filmed at "
     "an oil depot in 2022."),
])
def test_look_alikes_by_category_are_not_attack_reports(title, text):
    assert not detect(text, date(2025, 3, 12), title).primary


def test_a_units_name_may_join_words_carry_its_number_or_end_in_rifles():
    [battalion] = base_refs("Drones attacked the base of the Army's Mountain and Jungle Battalion No. 12 in Mocoa, "
                            "Putumayo, the army said.")
    [rifles] = base_refs("Militants opened fire at a camp of the Assam Rifles in Tamenglong on Friday.")
    assert (battalion.name, rifles.name) == ("Mountain and Jungle Battalion No. 12 base in Mocoa",
                                             "Assam Rifles camp in Tamenglong")


def test_a_units_bare_number_and_a_landmark_beside_the_installation_referred_back_to():
    [unit] = base_refs("Insurgents attacked the base of the 22 Task Force Brigade in Monguno late on Friday.")
    assert unit.name == "22 Task Force Brigade base in Monguno"
    text = ("Militants attacked an army camp in Tangdhar early on Sunday, killing four soldiers, officials said. "
            "The camp attacked on Sunday lies close to the headquarters of the army's 9th Brigade. "
            "The militants entered the camp from the rear after cutting the fence.")
    [report] = detect(text, date(2025, 3, 10), "Militants attack army camp in Kashmir").primary
    assert "9th Brigade" not in report.base and report.killed == 4


def test_an_attack_dated_after_the_articles_first_news_is_news_too():
    text = ("IRAQ - Rockets hit Camp Taji on Monday, wounding two soldiers, the army said.\n"
            "SYRIA - Late on Wednesday, drones attacked the coalition base at Al-Tanf, causing no casualties.\n"
            "Last month, a rocket landed near Erbil air base.")
    reports = primary(detect(text, date(2025, 3, 14), "The week in Iraq and Syria"))
    assert {name: r.attack_date for name, r in reports.items()} == {"Camp Taji": date(2025, 3, 10),
                                                                  "Al-Tanf Garrison": date(2025, 3, 12)}


def test_a_headline_description_without_an_article_is_read_when_it_gives_a_place():
    [described] = base_refs("Drone attack on army base in Mocoa kills two soldiers", headline=True)
    assert described.name == "army base in Mocoa"
    assert base_refs("Five held in military base attack that injured troops", headline=True) == []


def test_wounded_who_died_later_leave_the_wounded_count_they_were_counted_in():
    # the lead gives the latest toll; the body tells how it came about
    assert casualties(["Three soldiers were killed when militants stormed the camp on Sunday.",
                       "Two died in the assault and five others were wounded; one of the wounded died on the way to "
                       "hospital."])[:2] == (3, 4)
    # a count of wounded given after the news of the deaths is already what is left
    assert casualties(["The toll rose to six after two of the wounded died in hospital.",
                       "Eleven soldiers were wounded, the army said."])[1] == 11


def test_a_town_names_the_air_base_called_after_it():
    [ref] = base_refs('The group said it had attacked "the American base at Azraq" with drones.')
    assert ref.name == "Muwaffaq Salti Air Base"


@pytest.mark.parametrize("sentence, group", [
    ("The army attributed the attack to the ELN.", "ELN"),
    ("U.S. officials believed Kataib Hezbollah, an Iran-backed militia, was responsible.", "Kataib Hezbollah"),
    ("Police said the initial investigation pointed to Lashkar-e-Taiba.", "Lashkar-e-Taiba"),
    ("Both sources blamed al Qaeda's Sahel affiliate JNIM.", "JNIM"),
    ("The military identified the attackers as members of ISWAP.", "ISWAP"),
])
def test_blame_in_the_words_officials_use(sentence, group):
    assert suspected([sentence]) == group


def test_a_weapons_name_before_the_counted_noun_and_firing_with_no_projectile():
    assert projectiles(["Russia attacked the airfield with three cruise missiles and five Shahed attack drones."]) == 8
    assert projectiles(["They launched about 15 rockets and missiles toward the base."]) == 15
    assert weapons(["Terrorists fired at the camp from a nearby orchard, the army said."]) == ("gunfire",)
    assert weapons(["Rockets were fired at the camp; the troops returned fire at the launch site."]) == ("rocket",)
    assert "ground_assault" in weapons(["The attackers fought their way inside the camp before dawn."])


def test_headline_clauses_conditional_threats_and_a_bracketed_acronym():
    title = "Port revenue falls as Red Sea attacks divert ships; U.S. base lease talks continue"
    assert not detect("The port's revenue fell 18% this year, the port authority said on Tuesday.", date(2024, 10, 2),
                      title).primary
    text = ("A Guards commander said on Monday that Al Udeid in Qatar was within range of Iranian missiles and would be "
            "attacked if Iran was struck.")
    assert not detect(text, date(2025, 4, 8), "").primary
    [ref] = base_refs("Insurgents attacked the Forward Operating Base (FOB) in Kareto on Saturday night.")
    assert ref.name == "Kareto Forward Operating Base"


def test_no_deaths_says_nothing_of_the_wounded_and_wounded_in_more_words():
    assert casualties(["There were no deaths."])[2:] == (True, False)
    text = "Two drones struck Camp Taji on Monday, the army said. There were no deaths."
    [report] = detect(text, date(2025, 3, 12), "").primary
    assert (report.killed, report.wounded) == (0, None)
    assert casualties(["Four service members have now been diagnosed with mild traumatic brain injuries."])[1] == 4
    assert casualties(["The three contractors who suffered minor injuries are back at work."])[1] == 3
    assert casualties(["Two soldiers embraced shahadat while four sustained injuries in the attack."])[:2] == (2, 4)


def test_a_count_written_in_words_then_digits_is_one_count():
    assert casualties(["Toll on the friendly side: eleven (11) dead and eight (8) wounded."])[:2] == (11, 8)
    assert projectiles(["The terrorists fired four (4) rockets at the camp."]) == 4


def test_people_counted_before_their_weapon_ranks_and_a_toll_of_the_martyred():
    assert projectiles(["About twenty attackers fired rocket-propelled grenades at the camp on Sunday."]) is None
    assert casualties(["Two jawans and a rifleman were injured when militants fired at the camp."])[:2] == (None, 3)
    assert casualties(["The number of Frontier Corps (FC) soldiers martyred in the attack rose to four on Friday after "
                       "one of the injured succumbed to his wounds.",
                       "Three soldiers were martyred and six were injured when terrorists attacked the fort."])[:2] \
        == (4, 5)


@pytest.mark.parametrize("sentence, group", [
    ("Initial indications are that the attack was carried out by Kataib Hezbollah, the official said.",
     "Kataib Hezbollah"),
    ("\"We believe the attackers were al-Shabaab fighters,\" the commander said.", "al-Shabaab"),
    # an official's passive naming of who carried the attack out, and the attackers named by their group
    ("The army said the raid on the post had been carried out by fighters of the Islamic State Sahel Province.",
     "Islamic State Sahel Province"),
    ("Officials said three militants of the banned Tehreek-e-Taliban Pakistan were killed in the exchange of fire.",
     "Tehreek-e-Taliban Pakistan"),
    # a relative clause describes the blamed group; the aggregate after "for" blames no one for this attack
    ("A police officer blamed al-Shabaab, which has carried out a wave of attacks on bases this year.", "al-Shabaab"),
    ("Analysts have long blamed al-Shabaab for a wave of attacks on bases.", None),
])
def test_blame_told_as_indications_belief_and_official_wordings(sentence, group):
    assert suspected([sentence]) == group


def test_where_the_attack_took_place_places_a_described_base():
    text = ("Rebels killed four soldiers in a drone attack on a military base in southern Colombia, the army said. "
            "The attack took place in Tumaco, a port city in Narino department.")
    [report] = detect(text, date(2025, 3, 12), "Four soldiers killed in drone attack").primary
    assert "Tumaco" in report.base and report.country == "Colombia"


def test_a_day_owning_the_event_anywhere_dates_an_undated_lead_and_a_neighbour_is_not_the_country():
    text = ("At least five soldiers died in an attack with drones on a Colombian military base near the border with "
            "Venezuela.\nThe government blamed the ELN guerrillas.\nPeace talks with the group have stalled since "
            "January.\nThe ELN has about 6,000 fighters.\nThe defence minister ordered new anti-drone systems.\n"
            "Tuesday's blast left a crater beside the barracks, the army said in a statement.")
    [report] = detect(text, date(2025, 3, 14), "Five soldiers die in guerrilla attack in Colombia").primary
    assert (report.attack_date, report.country) == (date(2025, 3, 11), "Colombia")


def test_a_projectile_noun_naming_the_kind_of_a_coordinated_attack_counts_nothing():
    assert projectiles(["Rebels killed six soldiers in a drone and mortar attack on an army base on Tuesday."]) is None
    assert projectiles(["A drone struck the base on Tuesday."]) == 1


def test_an_analysis_reports_the_attack_its_body_dates_but_not_an_undated_tally():
    dated = ("Monday's attack on the army base in Palma was the heaviest blow to the army this year. Insurgents "
             "stormed the base at dawn on Monday and held it for two hours.")
    tally = ("Insurgents have attacked the army base in Palma again and again, and most of the attacks came at dawn. "
             "The base is poorly defended.")
    assert "Palma" in next(iter(primary(detect(dated, date(2025, 3, 11), "Analysis: what the Palma raid tells us"))))
    assert not detect(tally, date(2025, 3, 11), "Analysis: why Palma keeps falling").primary


def test_owners_before_and_after_the_installation_word_and_where_it_is_said_to_be():
    [fardc] = detect("ADF rebels attacked the camp of the Armed Forces of the DRC (FARDC) in Oicha on Tuesday night.",
                     date(2025, 3, 12), "ADF attack army camp").primary
    [fama] = base_refs("On Tuesday the FAMa camp at Dougoukolo was attacked by terrorists.")
    [fleet] = base_refs("Sea drones attacked the Black Sea Fleet's base in Feodosia overnight.")
    assert ("Oicha" in fardc.base, fama.name, fleet.name) == (True, "Dougoukolo camp", "Feodosia base")
    text = ("Jihadists attacked a military camp in central Mali on Monday night, killing six soldiers. "
            "The camp is at Dougoukolo, a village near the Burkinabe border.")
    [report] = detect(text, date(2025, 3, 11), "Jihadists attack army camp in Mali").primary
    assert "Dougoukolo" in report.base


def test_an_outlets_name_places_nothing_and_a_claim_day_after_the_news_does_not_date_it():
    text = ("BAMAKO (Niger Valley News) - Gunmen attacked a military camp at Dougoukolo in central Mali on Monday, "
            "killing six soldiers, sources said.")
    [report] = detect(text, date(2025, 3, 11), "Gunmen attack army camp").primary
    assert report.country == "Mali"
    claim = ("JNIM on Thursday claimed responsibility for the attack on the army camp at Dougoukolo. "
             "A local councillor said that six soldiers died in the attack before dawn on Tuesday.")
    [claimed] = detect(claim, date(2025, 3, 14), "JNIM claims Dougoukolo raid").primary
    assert claimed.attack_date == date(2025, 3, 11)


def test_a_base_described_at_a_listed_place_is_that_place_not_the_base_named_before():
    text = ("IRAQ - Rockets hit Camp Taji on Tuesday evening, causing no casualties.\n"
            "SYRIA - Two drones targeted the coalition base at the Conoco gas field on Thursday night, a coalition "
            "official said.")
    reports = primary(detect(text, date(2025, 3, 14), "Iraq and Syria this week"))
    assert {name: r.attack_date for name, r in reports.items()} == {"Camp Taji": date(2025, 3, 11),
                                                                  "Conoco Mission Support Site": date(2025, 3, 13)}


def test_a_date_before_a_ceremony_for_the_dead_dates_the_ceremony():
    text = ("Hundreds of people gathered on Friday for the funeral of the soldiers killed in the attack on the army "
            "base at Bol. Militants attacked the base during the night of Tuesday to Wednesday, killing eight "
            "soldiers.")
    [report] = detect(text, date(2025, 3, 15), "Chad buries soldiers killed in Bol base attack").primary
    assert report.attack_date == date(2025, 3, 12)


def test_a_bare_count_may_be_a_compound_of_tens():
    assert casualties(["Fourteen soldiers were killed and twenty-one wounded when fighters attacked the base."])[:2] \
        == (14, 21)


@pytest.mark.parametrize("toll, counts", [
    ("Provisional toll: friendly side: fourteen (14) killed, among them a lieutenant, and nine (9) wounded.", (14, 9)),
    ("Friendly side: 3 killed, 7 wounded.", (3, 7)),
])
def test_a_communiques_toll_list(toll, counts):
    assert casualties([toll])[:2] == counts


def test_a_vehicle_struck_beside_an_installation_is_the_target_and_what_stands_inside_one_is_part_of_it():
    outside = ("A drone struck a pickup truck on the highway outside the army's garrison in Kidal on Monday evening, "
               "killing the driver, residents said. Soldiers at the garrison were not hurt.")
    assert not detect(outside, date(2025, 4, 8), "Drone hits pickup near Kidal garrison").is_attack_report
    car_bomb = ("A suicide bomber drove a car packed with explosives into the gate of the army camp at Buulo Mareer on "
                "Monday, killing four soldiers, officials said.")
    assert detect(car_bomb, date(2025, 4, 8), "").is_attack_report
    inside = ("Two missiles struck a landing ship moored at the naval base in Feodosia on Tuesday, the governor said, "
              "and one sailor was wounded.")
    assert [r.base for r in detect(inside, date(2025, 4, 9), "").primary] == ["Feodosia naval base"]


def test_a_found_munition_going_off_and_a_barracks_named_after_the_fallen_report_no_attack():
    found = ("Two shepherds were wounded on Sunday when a shell they had found near a disused army post outside "
             "Kandahar exploded, police said.")
    title = "Shepherds hurt by unexploded shell near old army post"
    assert not detect(found, date(2025, 4, 14), title).is_attack_report
    named = ("The army on Friday renamed its barracks in Gao after a captain who died when jihadists stormed the camp "
             "at Tessit in 2023.")
    assert not detect(named, date(2025, 4, 12), "Army renames Gao barracks after captain killed in Tessit attack"
                      ).is_attack_report


@pytest.mark.parametrize("texts, counts", [
    # a zero said of one soldier, or as a life lost, zeroes the dead only
    (["No soldier was killed, but four were wounded by shrapnel."], (None, 4, True, False)),
    (["No soldier lost his life; two were lightly wounded, the ministry said."], (None, 2, True, False)),
    # a communiqué's euphemism for the dead, its wounded after a semicolon
    (["Friendly side: two (2) soldiers fell with arms in hand; five (5) wounded were evacuated."],
     (2, 5, False, False)),
    # who employs the hurt, between them and their verb
    (["A cook employed by a catering firm at the camp was slightly injured."], (None, 1, False, False)),
    # a zero the story says was the first report, before a count revised it, is no zero
    (["Three soldiers were later treated for concussions, the army said, revising its initial statement that no one "
      "had been hurt."], (None, 3, False, False)),
])
def test_zero_and_toll_wordings_of_statements(texts, counts):
    assert casualties(texts) == counts


def test_claimed_it_and_held_responsible():
    text = ("Rockets struck the Kharab al-Jir airstrip in Syria on Tuesday night, a coalition official said. The "
            "Islamic Resistance in Iraq claimed it an hour later. A U.S. official said Washington held Kataib "
            "Hezbollah responsible.")
    [report] = detect(text, date(2024, 1, 31), "").primary
    assert (report.claimed_by, report.suspected) == ("Islamic Resistance in Iraq", "Kataib Hezbollah")


@pytest.mark.parametrize("title, text", [
    # the events were an exercise, said only after they are told
    ("Air defences down drone swarm over Siauliai air base",
     "Air defences at the Siauliai air base destroyed a swarm of drones on Tuesday morning, the air force said. The "
     "runway was closed for an hour. The events were part of the Iron Wolf exercise, which ends on Friday."),
    # an incident officials say is unrelated to terrorism
    ("Van crashes through gate at Fort Hood",
     "A man rammed a van through a gate at Fort Hood on Tuesday and was detained, the Army said. Investigators said "
     "the incident was not linked to terrorism."),
    # an aircraft crash, with a rumour told as what social media posts claimed
    ("Helicopter crashes at Sukhoi base",
     "A training helicopter crashed inside the Millerovo air base on Tuesday, killing its two pilots, the ministry "
     "said. Posts on social media claimed the base had been hit by a drone."),
    # a vessel the base owns, attacked far from it
    ("Pirates attack navy boat",
     "Gunmen attacked a patrol boat attached to the naval base at Oron as it escorted a trawler on Tuesday, killing a "
     "sailor, the navy said."),
    # rangers guarding a park are not soldiers
    ("Rangers' camp attacked in Dinder park",
     "Armed poachers attacked a rangers' camp in Dinder National Park on Monday night, killing one ranger, the "
     "wildlife authority said."),
    # an abandoned installation, and a found munition going off
    ("Two boys hurt by grenade at abandoned barracks",
     "Two boys were wounded on Tuesday when a grenade they were playing with exploded at an abandoned army barracks "
     "outside Mopti, residents said."),
    # a smugglers' drone
    ("Drone with narcotics downed near border outpost",
     "Troops at a border outpost near Fazilka shot down a drone carrying heroin on Tuesday night, officials said."),
    # a base named in someone's honour
    ("Air base renamed in memory of pilot killed in attack",
     "The air force renamed its Maiduguri air base on Tuesday in memory of a pilot killed when militants attacked it "
     "in 2021."),
    # a reward over an attack dated by its adjective
    ("Reward offered over Tower 22 attack",
     "The State Department on Tuesday offered up to $10 million for information on the commanders it says planned the "
     "January 2024 drone attack on Tower 22."),
    # a vehicle struck beside a post (the headline drops its article)
    ("Drone strike hits car near army post",
     "A drone strike targeted a car parked outside an army post in the village of Khiam on Tuesday, killing two men."),
    # a labour strike, told by its duration or its dispute
    ("Civilian staff walk out at Ramstein in pay dispute",
     "German civilian employees at Ramstein air base began a two-day strike on Tuesday, demanding higher wages, the "
     "union said. Canteens were staffed by soldiers during the walkout."),
    ("Workers strike at Souda Bay base over pay",
     "Greek civilian workers at the Souda Bay naval base went on strike on Tuesday. The strike covers catering and "
     "maintenance."),
    # a sports page
    ("Boxing: Army boxers storm garrison finals",
     "A corporal produced a relentless attack in the final round to win the welterweight title at Kahawa Garrison on "
     "Friday."),
    ("Fort Bliss marathon won in record time",
     "A sergeant won the Fort Bliss marathon on Tuesday after a strong attack in the final kilometres."),
    # a war game
    ("War game shows Guam bases vulnerable",
     "In 20 of 24 iterations of the game, Chinese missiles struck Andersen Air Force Base in the first hours, the "
     "authors wrote on Tuesday."),
    # a police installation
    ("Militants storm police base in Lakki Marwat",
     "Militants stormed a police base in Lakki Marwat on Tuesday, killing three policemen, officials said."),
    # rockets defused before their launch
    ("Iraqi forces find rockets primed to hit Balad base",
     "Iraqi security forces on Tuesday found three rockets on a launch pad aimed at Balad air base and defused them "
     "before they could be fired, the Security Media Cell said."),
    ("Leopard attack at army camp injures sentry",
     "A leopard attacked a sentry at the army camp in Kupwara on Tuesday, injuring him, officials said."),
    ("Rally raid bivouac set up inside army base",
     "Competitors in the Dakar Rally spent Tuesday night at the bivouac inside an army base near Ha'il, organisers "
     "said, before a stage that saw the leader attack from the start."),
    ("Study models Iranian missile barrage on US bases in Gulf",
     "A barrage of 300 Iranian missiles could overwhelm the air defences of Al Udeid air base, a study published on "
     "Tuesday found. The model assumed missiles would strike the base within 15 minutes."),
])
def test_stories_that_tell_no_new_attack(title, text):
    assert not detect(text, date(2025, 5, 14), title).is_attack_report


@pytest.mark.parametrize("text", [
    "A drone struck a vehicle inside Ain al-Asad air base on Tuesday, wounding two U.S. soldiers, officials said.",
    "Gunmen attacked a patrol boat moored at the naval base in Bonny on Tuesday, wounding two sailors, the navy said.",
    "An Israeli drone struck a military vehicle at the gate of the army base in Marjayoun on Tuesday, killing one.",
    "A drone carrying explosives hit the army camp at Kamina on Tuesday, wounding three soldiers, the army said.",
])
def test_what_stands_inside_an_installation_is_part_of_it(text):
    assert detect(text, date(2025, 5, 14), "").is_attack_report


def test_a_zero_after_a_sentence_about_another_time_goes_on_with_it():
    text = ("Two rockets hit Camp Taji on Tuesday night, Iraqi security sources said. The base was hit by a barrage "
            "of 18 rockets on March 11, 2020. No one was killed, but several soldiers were hurt.")
    [report] = detect(text, date(2025, 5, 14), "").primary
    assert (report.killed, report.wounded) == (None, None)


def test_fighters_who_surround_an_installation_assault_it():
    assert weapons(["Hundreds of fighters on motorcycles surrounded the army camp before dawn."]) == ("ground_assault",)


def test_one_more_of_the_salvo_that_came_down_is_counted():
    assert projectiles(["Two drones hit the outpost at dawn."],
                       ["A third drone from the same swarm fell near the outpost's water tower."]) == 3
    assert projectiles(["Two rockets hit the base."], ["A third rocket that had failed to launch was found."]) == 2
    assert projectiles(["Two rockets hit the base, the third rocket attack on it this month."]) == 2
    # after one, the second is as often the night's next attack, elsewhere
    assert projectiles(["One drone was shot down over Erbil Air Base. Later a second drone struck Harir."]) == 1


def test_last_night_in_the_small_hours_is_the_publication_day_and_a_fortnight_after_looks_back():
    text = ("A drone was shot down near the coalition base at Erbil airport last night, at about 1:30 am, officials "
            "said on Wednesday. The attack came a fortnight after a drone struck the Harir base.")
    assert [(r.base, r.attack_date) for r in detect(text, date(2024, 1, 3), "").primary] == \
        [("Erbil Air Base", date(2024, 1, 3))]


def test_an_installation_named_only_for_an_attack_long_ago_is_not_the_one_the_lead_describes():
    text = ("A soldier was killed when militants attacked a KDF camp at Mangai in Lamu East on Saturday night, police "
            "said. On January 5, 2020, al-Shabaab fighters stormed Camp Simba at Manda Bay, killing three Americans.")
    assert [(r.base, r.attack_date) for r in detect(text, date(2023, 11, 13), "").primary] == \
        [("Unnamed military base, Mangai", date(2023, 11, 11))]


def test_a_when_clause_after_a_since_date_is_dated_by_it_and_a_base_two_forces_share_is_placed():
    text = ("Two rockets hit Qayyarah air base late on Sunday, officials said. U.S. forces have been on high alert "
            "since Jan. 8, when Iran fired ballistic missiles at the Ain al-Asad air base.")
    assert [r.base for r in detect(text, date(2020, 1, 27), "").primary] == ["Qayyarah Airfield West"]
    shared = ("Militants fired mortar shells at the base of the National Army and the African Union forces in "
              "Jowhar on Sunday evening, officials said.")
    assert [r.base for r in detect(shared, date(2025, 6, 16), "").primary] == ["Jowhar base"]


def test_an_airport_that_hosts_a_listed_base_is_that_base():
    text = ("Al-Shabaab fired several mortar rounds at Mogadishu's airport, which houses the African Union mission's "
            "headquarters, on Tuesday, police said. Two soldiers were wounded.")
    [report] = detect(text, date(2025, 5, 14), "Mortars fired at Mogadishu airport").primary
    assert (report.base, report.wounded) == ("Halane Base Camp", 2)


def test_a_listed_base_that_only_shares_a_towns_name_in_another_country_is_not_the_one_described():
    text = ("Al-Shabaab fighters attacked a military base north of Mogadishu before dawn on Thursday, killing seven "
            "soldiers. A suicide bomber drove a minibus loaded with explosives into the gate of the base at Bal'ad, a "
            "farming town about 30 km from Somalia's capital.")
    [report] = detect(text, date(2025, 8, 14), "").primary
    assert (report.base, report.country) == ("unnamed military base north of Mogadishu", "Somalia")


def test_a_plan_to_strike_a_base_that_police_stopped_is_no_attack():
    text = ("Counter-terrorism police said on Friday they had arrested two men who were planning a rocket strike on "
            "Camp Taji and seized a launcher in Tarmiyah. \"They never fired,\" an officer said.")
    assert detect(text, date(2024, 3, 8), "Police arrest cell planning rocket attack on Taji base").primary == ()


def test_a_position_of_the_defence_and_security_forces_is_an_installation():
    text = ("On Sunday 9 March 2025 the position of the Defence and Security Forces at Kokorou was attacked by "
            "terrorists on motorcycles. Six soldiers were killed, the ministry said.")
    [report] = detect(text, date(2025, 3, 11), "Communique on the Kokorou attack").primary
    assert (report.attack_date, report.killed) == (date(2025, 3, 9), 6)
    assert "Kokorou" in report.base


def test_a_business_company_at_the_base_is_not_a_unit_stationed_there():
    text = ("Two mortar rounds struck Camp Lemonnier late on Tuesday, wounding a cook who works for a catering "
            "company at the base, a spokesman said.")
    [report] = detect(text, date(2024, 5, 15), "").primary
    assert (report.base, report.wounded) == ("Camp Lemonnier", 1)


@pytest.mark.parametrize("title, text", [
    ("Vandals deface monument outside Balad base",
     "Vandals sprayed paint on the monument to the airmen killed in the rocket attack on Balad Air Base, which "
     "stands outside the base's main gate, on Friday night, police said."),
    ("Shot-down drone near Hatzerim was ours, army says",
     "The drone that air defences shot down near Hatzerim air base on Tuesday was misidentified and belonged to the "
     "air force, the army said on Wednesday. No one was hurt."),
    ("Dig reveals frontier fort was stormed",
     "Archaeologists excavating a fort near the Danube say its garrison was stormed and its barracks burned in the "
     "third century; arrowheads litter the gate."),
    ("Stray bullet hits soldier in Tyre barracks",
     "Gunmen fired heavily into the air on Saturday night and a bullet fell inside the army barracks in Tyre, wounding "
     "a soldier, the army said."),
    ("Drone shot down near Hasimara air base was the air force's own",
     "Gunners fired at a drone approaching Hasimara air base on Monday night. Officials said on Tuesday that the drone "
     "was the air force's own, on a test flight."),
    ("Landslide hits army post in Kupwara",
     "A landslide struck an army post in Kupwara on Tuesday, killing two soldiers, officials said."),
    ("", "The water pipeline that supplies the army camp in Garissa was cut on Sunday night. \"This is an attack on "
         "the camp's lifeline,\" the commissioner said."),
    ("", "Troops laid mines around the army base in Hpakant since rebels began attacking it last year, and two farmers "
         "were killed on Saturday."),
    ("", "U.S. forces left the Conoco base in Deir ez-Zor on Monday, the SDF said. The base came under frequent fire "
         "from militias across the river."),
    ("Police raid barracks in Lopburi", "Police stormed the army barracks in Lopburi on Friday and arrested four "
     "soldiers over drug sales."),
    ("", "A tank crew mistook soldiers at an army post near Nahal Oz for infiltrators and fired a shell at the post on "
         "Monday, killing one of them, the army said."),
    ("", "The helicopter was carrying supplies to the army base at Diapaga when gunmen shot it down on Tuesday."),
    ("", "An air force drone inadvertently struck the army camp in Boni on Thursday, killing two soldiers, the general "
         "staff said."),
    ("", "The fighter jet had taken off from the Shindand air base and was bombing insurgent positions in Farah when "
         "a missile hit it on Monday, officials said."),
    ("", "A 21-gun salute was fired at the Rawalpindi garrison at dawn on Tuesday to mark Defence Day, alarming "
         "people living nearby."),
    ("", "Guards at the Kainji air base opened fire on thieves cutting through its fence on Sunday night, wounding "
         "one of them, the air force said."),
    ("", "Two soldiers were killed when an artillery shell exploded during training at the Kalaikunda air base on "
         "Monday."),
    ("", "A mortar round exploded in its tube during live-fire practice at Fort Magsaysay on Monday, wounding three "
         "soldiers."),
    ("Prosecutors raid army base in Cali", "Investigators raided the army base in Cali on Tuesday and arrested two "
     "soldiers over stolen rifles."),
    ("", "Ukrainian drones hit an oil terminal near Morozovsk overnight. The General Staff said it had struck the "
         "terminal because it supplies fuel to the Morozovsk air base."),
    ("Bangs near Kamra air base alarm residents", "Messages on social media claimed that Kamra air base was \"under "
     "attack\" on Saturday, and some residents left their homes."),
])
def test_look_alike_stories_at_a_base_report_no_attack(title, text):
    """A memorial, a friendly shootdown, an excavation; shots fired into the air, a downed craft that was the
    forces' own, a landslide, a speaker's characterisation, an attack told only in a since-clause, a base's history of
    frequent fire, a police raid, friendly fire (a crew's mistake, an own strike by accident), a base as a supply
    flight's destination or a downed aircraft's origin, a gun salute, a base's guards firing on intruders, an accident
    in training, a search by law enforcement, a base a depot supplies, a rumour on social media."""
    assert detect(text, date(2025, 3, 4), title).primary == ()


@pytest.mark.parametrize("text, published, attack_date", [
    # the day a funeral or a row happened is not the attack's, which the day owning the event, or the hour told
    # with it, gives
    ("Crowds in Dhamar buried on Thursday five soldiers killed in Wednesday's Houthi rocket and drone barrage on the "
     "Al Anad air base.", date(2024, 5, 9), date(2024, 5, 8)),
    ("Parties traded accusations on Sunday over the drone attack on Harir air base. The drones were launched at about "
     "10 p.m. on Saturday, the ministry said.", date(2024, 5, 12), date(2024, 5, 11)),
    ("Opposition leaders on Monday accused the government of complacency over security at the Nagrota cantonment, "
     "where militants fired on a sentry post. According to the army, two militants opened fire on the post at the "
     "cantonment at about 11 pm on Sunday, injuring a soldier.", date(2024, 5, 13), date(2024, 5, 12)),
])
def test_a_reaction_led_lead_leaves_the_attack_its_own_day(text, published, attack_date):
    [report] = detect(text, published, "").primary
    assert report.attack_date == attack_date


def test_an_attack_sentence_naming_no_installation_dates_the_story_a_reaction_leads():
    """When the lead's day is the row's and the installation is never dated, the body's attack sentence, however far
    down, dates the attack."""
    text = ("A row broke out on Sunday between the prime minister's office and deputies of the governing coalition, who "
            "accuse the government's security advisers of ignoring months of warnings from intelligence officers, over "
            "the rockets that targeted Camp Taji. The advisers said the militias wanted to sabotage talks. A deputy "
            "answered that the government spoke for Washington. The speaker called for calm. Three rockets were fired "
            "from a field near Tarmiyah at about 9 p.m. on Friday, the army said.")
    [report] = detect(text, date(2024, 5, 12), "Row over rockets on Camp Taji").primary
    assert report.attack_date == date(2024, 5, 10)


def test_a_weekly_digest_reports_each_day_s_attack_under_its_heading():
    """Attacks a headline reports before its frame words ("... as strikes on militias fail to deter") are its news,
    and a weekday heading an item ("TUESDAY:") dates it, as no dateline does."""
    text = ("(Weekly brief) Militias carried out two attacks on U.S. forces this week. TUESDAY: Two rockets were fired "
            "at the coalition base at al-Shaddadi. THURSDAY: A drone struck near the runway at the Rumalyn landing "
            "zone.")
    title = "Weekly brief: two attacks on U.S. forces as strikes on militias fail to deter"
    found = [(r.base, r.attack_date) for r in detect(text, date(2024, 3, 9), title).primary]
    assert found == [("Al-Shaddadi Base", date(2024, 3, 5)), ("Rmeilan Landing Zone", date(2024, 3, 7))]


@pytest.mark.parametrize("text, base", [
    # an installation that "fell to" fighters was taken by assault
    ("An army camp in Debre Sina fell to Fano fighters on Thursday after a day of fighting, residents said.",
     "Unnamed military base, Debre Sina"),
    # a numbered unit in lower case, its acronym in brackets and its army, then the place
    ("Militiamen attacked the positions of the 1102nd regiment of the FARDC at Fataki on Thursday, killing two "
     "soldiers.", "1102nd regiment positions in Fataki"),
    ("The post of the Motorised Infantry Battalion (BIM) in Kolofata was attacked on Thursday night, the army said.",
     "Motorised Infantry Battalion post in Kolofata"),
    ("Gunmen fired upon the company operating base (COB) of 9 Assam Rifles at Moreh on Thursday night, injuring a "
     "rifleman.", "9 Assam Rifles base in Moreh"),
    # the original words in brackets, the edge of a town's urban area, a base of operations
    ("The army post (puesto militar) on the edge of the urban area of Saravena was attacked on Thursday with drones.",
     "Saravena army post"),
    ("Drones dropped explosives on the Army's base of operations (base de operaciones) in Tepalcatepec on Thursday, "
     "wounding a soldier.", "Tepalcatepec base of operations"),
    # the passive of harassment
    ("An Army detachment in Catubig was harassed by about twenty rebels on Thursday night, the battalion said.",
     "Unnamed military base, Catubig"),
    # a local word glossed by an installation noun in brackets
    ("Terrorists fired rockets at the Frontier Corps qila (fort) in Spinwam late on Thursday, injuring two soldiers.",
     "Frontier Corps fort in Spinwam"),
    ("Gunmen attacked the quartel (barracks) of the army in Pemba on Thursday night, the ministry said.",
     "Pemba barracks"),
    # an army or a defence force named in full, its acronym after it
    ("Boko Haram fighters attacked the position of the Chadian National Army at Kaiga on Thursday night, killing four "
     "soldiers.", "Kaiga position"),
    ("Fano fighters attacked the camp of the Ethiopian National Defence Force (ENDF) in Debre Markos on Thursday "
     "night.", "Debre Markos camp"),
    # "the division's headquarters" is that of the numbered division the story named, where it named it
    ("Gunners of the 22nd Infantry Division in Babanusa shot down drones that the RSF launched at the division's "
     "headquarters on Thursday, the army said.", "22nd Infantry Division headquarters in Babanusa"),
])
def test_installations_of_the_wider_world_as_local_and_translated_copy_names_them(text, base):
    [report] = detect(text, date(2024, 8, 31), "").primary
    assert (report.base, report.attack_date) == (base, date(2024, 8, 29))


@pytest.mark.parametrize("title, text", [
    ("12th Tactical Air Base repels attack by thirty drones",
     "12TH TACTICAL AIR BASE REPELS ATTACK BY THIRTY DRONES\nOn Thursday, 29 August 2024, the 12th Tactical Air Base "
     "in Mirosławiec repelled an attack by thirty drones approaching from the sea. Its counter-drone teams brought "
     "them down with jammers and guns.\nThe attack was the main scenario of the \"Iron Sky-24\" exercise, the command "
     "said."),
    ("", "An article on Friday misstated the date of the suicide bombing at Forward Operating Base Chapman. It took "
         "place on 30 December 2009."),
    ("Drones over Manching air base", "Police are investigating drones seen over the Manching air base on Thursday "
     "night. Soldiers tried to jam them, but no drone was found or brought down, and nothing was dropped on the base."),
    ("", "\"Every attack on a base in the last two years has been a sales pitch for us,\" the chief executive said on "
         "Thursday."),
    ("Army bombs ELN camp in Catatumbo", "The army bombed a camp of the ELN near Tibú on Thursday, killing seven "
     "guerrillas. After the bombing, troops reached the camp and found rifles and drones."),
])
def test_bulk_feed_items_that_tell_no_attack_on_an_installation(title, text):
    """An exercise's scenario, a correction, a sighting where nothing was fired, a sales pitch, an armed group's camp
    (its name before the noun, and "the camp" after it)."""
    assert detect(text, date(2024, 8, 31), title).primary == ()


def test_a_digest_headline_frames_only_its_own_item():
    text = ("NIGER — Nine soldiers killed at Banibangou post. Jihadists attacked the army post at Banibangou on "
            "Thursday.")
    title = "Africa briefs: nine soldiers killed in Niger; Kati attackers jailed"
    [report] = detect(text, date(2024, 8, 31), title).primary
    assert (report.base, report.attack_date) == ("Banibangou military post", date(2024, 8, 29))


def test_the_base_in_a_digest_s_next_item_is_not_the_last_item_s():
    text = ("NIGER — Jihadists attacked the army post at Banibangou on Thursday, killing nine soldiers.\nSOMALIA — "
            "Al-Shabaab fighters fired mortar rounds at an army base in Bariire late on Thursday, wounding three "
            "soldiers at the base, officials said.")
    first, second = detect(text, date(2024, 8, 31), "Africa briefs").primary
    assert (first.base, first.killed, first.wounded) == ("Banibangou military post", 9, None)
    # the installation the next item describes is another one
    assert (second.base, second.attack_date, second.wounded) == ("Unnamed military base, Bariire", date(2024, 8, 29), 3)


@pytest.mark.parametrize("text, projectiles", [
    ("Militants shelled the army camp at Baledogle late on Sunday, officials said. Five mortar rounds were fired from "
     "a farm to the east. Two of them landed inside the camp, wounding a soldier.", 5),
    ("Drones struck the Kacha airfield overnight, the General Staff said. Six drones were launched from the sea; air "
     "defences shot down four of them.", 6),
    # a count the story never divides, in a sentence that does not name the installation, may be another salvo's, and
    # so may a total divided among regions
    ("Militants shelled the army camp at Baledogle late on Sunday, officials said. Five mortar rounds were fired from "
     "a farm to the east, residents said.", None),
    ("Drones struck the Kacha airfield overnight, the General Staff said. The ministry said 38 drones were destroyed "
     "over five regions, 12 of them over Crimea.", None),
])
def test_a_salvo_the_story_divides_is_counted_where_it_is_told(text, projectiles):
    [report] = detect(text, date(2024, 9, 2), "").primary
    assert report.projectiles == projectiles


def test_a_headline_drops_the_article_after_an_attack_verb_too():
    [report] = detect("Gunmen fired on the post at night, wounding two soldiers.", date(2025, 1, 12),
                      "Drones attack army base in Mopti").primary
    assert report.base == "Unnamed military base, Mopti"


@pytest.mark.parametrize("text, weapon", [
    # "harassed" is how the Philippine military words fire on a detachment; mortar rounds are "lobbed"
    ("Gunmen harassed the army detachment in Pikit on Sunday night, the brigade said.", "ground_assault"),
    ("Militants lobbed two mortar rounds at the army camp in Bulo Burte on Sunday; nobody was hurt.", "mortar"),
])
def test_attacks_told_with_the_verbs_of_local_military_wording(text, weapon):
    [report] = detect(text, date(2025, 3, 4), "").primary
    assert (report.attack_date, report.weapons) == (date(2025, 3, 2), (weapon,))


def test_the_day_before_yesterday_and_homemade_weapons_named_by_what_they_are():
    text = ("Guerrillas fired cylinder bombs at the army base in Suárez the day before yesterday, wounding two "
            "soldiers, the army said on Thursday.")
    [report] = detect(text, date(2024, 5, 9), "").primary
    assert (report.attack_date, report.weapons) == (date(2024, 5, 7), ("mortar",))
    bomb = "A Humvee bomb exploded at the gate of the army base in Shinkai on Sunday, killing three soldiers."
    assert detect(bomb, date(2024, 5, 6), "").primary[0].weapons == ("ied",)


def test_the_headquarters_of_an_army_or_a_defence_ministry_is_an_installation():
    text = ("A rocket struck the temporary headquarters of the Sudanese army in Kassala on Tuesday, killing three "
            "officers, a military source said.")
    [report] = detect(text, date(2024, 2, 13), "").primary
    assert (report.attack_date, report.killed) == (date(2024, 2, 13), 3)


def test_an_official_who_says_who_the_attackers_were_names_the_suspects():
    text = ("Gunmen attacked the army base in Kukawa late on Friday, killing two soldiers, the army said on Saturday. "
            "An officer said the attackers were Boko Haram fighters from the Sambisa forest.")
    [report] = detect(text, date(2024, 9, 7), "").primary
    assert report.suspected == "Boko Haram"
    repelled = ("Gunmen attacked the army base in Kukawa late on Friday, the army said. The attackers were repelled "
                "after an hour, Boko Haram said in a statement claiming the attack.")
    assert detect(repelled, date(2024, 9, 7), "").primary[0].suspected is None


def test_a_state_s_term_glossed_as_a_group_is_that_group():
    text = ("Two soldiers were martyred when terrorists attacked an army camp in Datta Khel on Monday "
            "night, the ISPR said, blaming the attack on Fitna al Khawarij, a term the state uses for the Tehreek-e-"
            "Taliban Pakistan.")
    [report] = detect(text, date(2025, 6, 17), "").primary
    assert report.suspected == "Tehreek-e-Taliban Pakistan"


@pytest.mark.parametrize("text", [
    "Militants who had been planning the assault for weeks stormed the army base in Kajuru on Sunday, killing five "
    "soldiers, the army said.",
    "Two drones hit the Harir base on Sunday. A third drone, which air defences had first misidentified as a bird, "
    "crashed nearby.",
])
def test_a_plan_carried_out_and_a_threat_mistaken_for_something_else_are_still_attacks(text):
    assert len(detect(text, date(2024, 6, 10), "").primary) == 1


def test_archaeologists_speaking_in_a_strike_story_do_not_make_it_an_excavation():
    text = ("Israeli missiles struck the T-4 air base near Palmyra on Sunday, destroying two hangars, a war monitor "
            "said. Archaeologists said the nearby ruins of the ancient city were not damaged.")
    assert [r.base for r in detect(text, date(2024, 6, 10), "").primary] == ["T-4 Air Base"]


def test_a_side_that_owns_the_drones_that_struck_a_base_claims_the_attack():
    text = "Ukraine's military intelligence said the drones that struck Engels air base on Sunday were its own."
    assert [r.base for r in detect(text, date(2024, 6, 10), "").primary] == ["Engels Air Base"]


def test_soldiers_killed_by_friendly_fire_while_repelling_an_attack_do_not_deny_it():
    text = ("Taliban fighters stormed the army base in Ghazni on Sunday; two soldiers were killed by friendly fire as "
            "troops repelled the attack, officials said.")
    assert len(detect(text, date(2024, 6, 10), "").primary) == 1


@pytest.mark.parametrize("title, text", [
    ("Three soldiers wounded in drone attack in Suarez",
     "Dissidents attacked the battalion's headquarters in Suarez with drones on Saturday night, wounding three "
     "soldiers, the army said on Sunday."),
    ("FOUR SOLDIERS MARTYRED AS TERRORISTS ATTACK POST IN LADDHA",
     "Four soldiers were martyred when terrorists attacked a security forces' post in Laddha on Monday, the ISPR "
     "said."),
])
def test_a_unit_s_headquarters_and_the_security_forces_post_are_installations(title, text):
    [report] = detect(text, date(2025, 7, 15), title).primary
    assert report.attack_date in (date(2025, 7, 12), date(2025, 7, 14))


def test_an_attack_on_journalists_near_a_base_is_not_an_attack_on_it():
    text = "Soldiers attacked journalists near Kamina air base on Sunday, injuring two reporters, their union said."
    assert detect(text, date(2024, 6, 10), "").primary == ()


@pytest.mark.parametrize("title, text, published, killed, wounded", [
    # a communique's dead "fallen with arms in hand"
    ("Communique on the Djibo attack",
     "On Tuesday 4 March 2025 the detachment of Djibo was attacked by terrorists. The toll on the friendly side is six "
     "(6) soldiers and two (2) VDP fallen with arms in hand, and nine (9) wounded.", date(2025, 3, 6), 8, 9),
    # a ministry that "raised to N the number of soldiers killed"
    ("", "The defence ministry on Thursday raised to eleven the number of soldiers killed in Tuesday's attack on the "
     "army base in Ghormach, and said 20 others had been wounded. On Wednesday it had said seven.",
     date(2020, 9, 24), 11, 20),
    # a digest's next datelined item is another story: its injured policemen are not the camp's
    ("Valley in brief", "GILGIT: The tourism board reported record arrivals.\nBARAMULLA: Militants fired at an army "
     "camp at Uri late on Monday, officials said. There were no casualties, an army spokesman said.\nHANDWARA: A "
     "grenade hurled at a police post on Monday evening injured three policemen, police said.",
     date(2024, 5, 21), 0, 0),
    # an acronym in brackets restating a force's name does not hide the toll from the claimant's bigger figure
    ("", "At least five Kenya Defence Forces (KDF) soldiers were killed when militants attacked the army camp in Baure "
         "on Friday, officials said. Al-Shabaab claimed to have killed 25 soldiers.", date(2024, 6, 8), 5, None),
    # a death that "brings to" a number the toll, in the present tense too
    ("", "Insurgents attacked the army camp in Tessit on Tuesday, the army said. A wounded soldier died on Thursday; "
         "his death brings to six the number of soldiers killed in the attack.", date(2024, 6, 7), 6, None),
    # what the attackers say they killed is never the toll, even when nobody else gives one
    ("", "Al-Shabaab fighters stormed the army base in El Wak on Friday, officials said. The number of casualties "
         "remains unconfirmed; the group claims it has killed 40 soldiers.", date(2024, 6, 8), None, None),
])
def test_tolls_told_as_communiques_ministries_and_digests_word_them(title, text, published, killed, wounded):
    [report] = detect(text, published, title).primary
    assert (report.killed, report.wounded) == (killed, wounded)


@pytest.mark.parametrize("text, published, attack_date, killed", [
    # the day someone was speaking of the toll does not end the attack's story
    ("Insurgents shelled the army garrison in Mocimboa before dawn on Saturday, residents said. Speaking to "
     "community radio on Monday, the administrator said four defenders had died.", date(2024, 9, 17),
     date(2024, 9, 14), 4),
    # shots fired into the air in the lead do not deny the story's attack
    ("Soldiers fired into the air to disperse a crowd outside the barracks in Bamako. Militants shelled the "
     "barracks on Sunday, killing two soldiers, the army said.", date(2024, 6, 10), date(2024, 6, 9), 2),
])
def test_words_around_an_attack_leave_its_day_and_toll(text, published, attack_date, killed):
    [report] = detect(text, published, "").primary
    assert (report.attack_date, report.killed) == (attack_date, killed)


@pytest.mark.parametrize("text, field, group", [
    ("Fano militia fighters attacked the army base in Debre Tabor on Sunday, killing three soldiers, residents said. "
     "A Fano spokesman said its fighters had carried out the attack.", "claimed_by", "Fano"),
    ("The Arakan Army said on Sunday its fighters had overrun the army base in Ann after weeks of fighting.",
     "claimed_by", "Arakan Army"),
    ("Suspected members of the Bangsamoro Islamic Freedom Fighters attacked an army detachment in Datu Piang on "
     "Sunday, the division said.", "suspected", "Bangsamoro Islamic Freedom Fighters"),
    ("Anti-balaka fighters attacked the UN base in Bangassou on Sunday, the mission said.", "suspected", "anti-Balaka"),
])
def test_groups_of_the_wider_world_are_read_as_claimants_and_doers(text, field, group):
    [report] = detect(text, date(2024, 6, 10), "").primary
    assert getattr(report, field) == group


def test_troops_location_is_an_installation_and_villagers_near_it_are_not_it():
    text = "ISWAP terrorists attacked troops' location in Damboa on Tuesday night, killing two soldiers, the army said."
    [report] = detect(text, date(2024, 6, 10), "").primary
    assert (report.attack_date, report.killed) == (date(2024, 6, 4), 2)
    villagers = ("Bandits attacked villagers near troops' location in Zurmi on Sunday, killing five residents, police "
                 "said.")
    assert detect(villagers, date(2024, 6, 10), "").primary == ()


def test_a_headline_may_put_a_unit_s_number_between_its_preposition_and_the_installation():
    text = "Bandits attacked the troops late on Sunday, the army said on Monday, adding that two soldiers were wounded."
    title = "Two soldiers hurt in bandit attack on 223 Battalion location in Zurmi"
    [report] = detect(text, date(2024, 6, 10), title).primary
    assert ("Zurmi" in report.base, report.attack_date, report.wounded) == (True, date(2024, 6, 9), 2)


@pytest.mark.parametrize("title, text, base, killed", [
    ("Gunmen fire on Kindu airport",
     "KINDU — Gunmen fired on Kindu airport late on Sunday, wounding a baggage handler, police said. The airport is "
     "used by the army, whose transport planes are parked on its western apron.", "Kindu airport", None),
    ("", "Two drones struck the airport in Kassala, where the army keeps a garrison and two helicopters, on Sunday "
         "evening, killing a soldier and an air force mechanic, a military source said.", "Kassala airport", 2),
])
def test_an_airport_the_army_uses_is_an_installation_however_the_place_is_put(title, text, base, killed):
    [report] = detect(text, date(2025, 6, 9), title).primary
    assert (report.base, report.attack_date, report.killed) == (base, date(2025, 6, 8), killed)


def test_firing_on_an_airport_nobody_says_the_military_uses_is_not_an_attack_on_a_base():
    text = "KINDU — Gunmen fired on Kindu airport late on Sunday, wounding a baggage handler, police said."
    assert detect(text, date(2025, 6, 9), "Gunmen fire on Kindu airport").primary == ()


@pytest.mark.parametrize("title, text, place", [
    ("", "Rebels attacked the FACA position at Bria before dawn on Sunday, killing two soldiers, the army said.",
     "Bria"),
    ("Rebels overrun army battalion positions above Hpakant",
     "Rebel fighters overran the positions of the junta's Light Infantry Battalion 87 above Hpakant on Sunday, "
     "residents said.", "87"),
])
def test_a_position_held_by_a_state_s_forces_or_one_of_its_units_is_an_installation(title, text, place):
    [report] = detect(text, date(2024, 6, 10), title).primary
    assert (place in report.base, report.attack_date) == (True, date(2024, 6, 9))


def test_positions_of_the_militants_the_army_shells_are_not_an_installation_attacked():
    text = "The army shelled ISWAP positions near Marte on Sunday, killing several fighters, a military source said."
    assert detect(text, date(2024, 6, 10), "").primary == ()


def test_ten_days_ago_counts_back_from_publication_and_is_not_today_s_news():
    text = ("Gunmen attacked the army camp at Tessit on Sunday, killing three soldiers. Ten days ago, gunmen stormed "
            "the army post at Ansongo, wounding four soldiers.")
    reports = detect(text, date(2024, 6, 10), "").reports
    assert [(r.is_primary, r.attack_date) for r in reports if "Ansongo" in r.base] == [(False, date(2024, 5, 31))]


@pytest.mark.parametrize("title, text", [
    ("Soldiers killed as militants attack army in Mali's Tenenkou",
     "Militants attacked the army in Tenenkou, a town in central Mali, on Sunday evening, killing four soldiers, the "
     "army said."),
    ("", "Gunmen on motorcycles stormed the soldiers stationed in Tenenkou on Sunday evening, killing four, a local "
         "official said."),
])
def test_the_forces_a_town_holds_are_its_garrison_when_the_attack_takes_them_as_its_object(title, text):
    [report] = detect(text, date(2024, 6, 10), title).primary
    assert (report.base, report.attack_date, report.killed) == ("Unnamed military base, Tenenkou", date(2024, 6, 9), 4)


def test_soldiers_ambushed_near_a_town_are_not_its_garrison():
    text = "Militants ambushed soldiers near Tenenkou on Sunday evening, killing four, the army said."
    assert detect(text, date(2024, 6, 10), "").primary == ()


def test_a_listed_camp_spelled_kamp_in_dutch_copy_is_that_camp():
    text = "Kamp Holland in Uruzgan was fired upon with two rockets on Tuesday evening, the ministry said."
    [report] = detect(text, date(2009, 4, 15), "").primary
    assert (report.base, report.projectiles) == ("Multinational Base Tarin Kot", 2)


@pytest.mark.parametrize("text", [
    "A car bomb exploded in the town of al-Shaddadi on Monday, killing five people, the SDF said.",
    "Residents of Morozovsk say their wells smell of kerosene. Morozovsk is home to a regiment of bombers that strike "
    "towns across the front.",
])
def test_a_town_that_shares_a_listed_base_s_name_is_the_town_when_the_text_says_so(text):
    assert detect(text, date(2024, 6, 11), "").primary == ()


def test_rockets_fired_into_an_air_base_are_not_shots_fired_into_the_air():
    text = "Militants fired three rockets into the air base at Ain al-Asad on Monday, officials said."
    assert [r.base for r in detect(text, date(2024, 6, 11), "").primary] == ["Ain al-Asad Air Base"]


def test_an_opposition_walkout_is_no_labour_strike_and_a_lead_s_indefinite_camp_is_the_one_the_body_names():
    title = "Governor promises help after attack on FC camp"
    text = ("The governor on Tuesday condemned the attack on a Frontier Corps camp in Zhob district. Opposition "
            "members staged a walkout in the assembly. According to officials, militants attacked the FC camp in "
            "Sambaza late on Monday with rockets, killing two soldiers.")
    [report] = detect(text, date(2025, 1, 29), title).primary
    assert ("Sambaza" in report.base, report.attack_date, report.killed) == (True, date(2025, 1, 27), 2)


def test_an_airport_forces_use_as_their_base_is_an_installation():
    text = ("A drone struck the airport in Mukalla, the capital of the province, which the coastal forces use as their "
            "main base, late on Monday, wounding two soldiers, an official said.")
    [report] = detect(text, date(2023, 1, 10), "").primary
    assert (report.base, report.attack_date, report.wounded) == ("Mukalla airport", date(2023, 1, 9), 2)


def test_soldiers_doing_the_attacking_attack_no_installation_of_theirs():
    text = "Soldiers attacked traders outside Giwa Barracks in Maiduguri on Monday, injuring four, witnesses said."
    assert detect(text, date(2024, 6, 11), "").primary == ()
    raid = "Militants stormed Giwa Barracks in Maiduguri on Monday before soldiers repelled them, the army said."
    assert [r.attack_date for r in detect(raid, date(2024, 6, 11), "").primary] == [date(2024, 6, 10)]


def test_drones_that_flew_at_a_base_attacked_it_and_since_october_is_a_tally_s_period_not_its_date():
    text = ("Three drones that flew at Tower 22 on Wednesday caused no damage. The attack, the fifth on the outpost "
            "since October, was claimed by the Islamic Resistance in Iraq.")
    [report] = detect(text, date(2024, 1, 12), "").primary
    assert (report.base, report.attack_date) == ("Tower 22", date(2024, 1, 10))
    assert [r for r in detect(text, date(2024, 1, 12), "").reports if not r.is_primary] == []


def test_the_day_a_source_spoke_does_not_date_the_attack_the_lead_dates():
    text = ("The coalition said it had destroyed two drones launched late on Tuesday towards Khamis Mushait. A source "
            "said the drones had been heading for King Khalid Air Base. The Houthis said on Wednesday they had "
            "targeted King Khalid Air Base.")
    [report] = detect(text, date(2021, 3, 10), "").primary
    assert (report.base, report.attack_date) == ("King Khalid Air Base", date(2021, 3, 9))


def test_the_same_night_is_the_night_the_story_last_told():
    text = ("Omdurman was still without power on Thursday, two days after drones struck a power station on Tuesday "
            "night. On the same night, drones also targeted the Wadi Seidna air base, the army said.")
    [report] = detect(text, date(2025, 1, 16), "").primary
    assert (report.base, report.attack_date) == ("Wadi Seidna Air Base", date(2025, 1, 14))


def test_an_owner_in_the_possessive_qualified_by_a_name_determines_the_installation():
    text = "Rebels attacked the UN peacekeepers' base in Bangassou on Sunday, killing a peacekeeper, the mission said."
    [report] = detect(text, date(2024, 6, 10), "").primary
    assert ("Bangassou" in report.base, report.attack_date, report.killed) == (True, date(2024, 6, 9), 1)


def test_a_date_that_names_a_unit_is_not_when_the_attack_happened():
    text = ("One soldier was wounded last night when militants shelled the army base at Jowhar, the commander of the "
            "army's 21st October brigade told reporters.")
    [report] = detect(text, date(2024, 3, 6), "").primary
    assert (report.attack_date, report.wounded) == (date(2024, 3, 5), 1)


def test_a_headline_names_a_listed_installation_by_its_town_whatever_it_calls_it():
    title = "Djibo garrison hit in night assault, twelve soldiers dead"
    text = ("The garrison of the northern town was assaulted on Friday night by hundreds of gunmen, security sources "
            "said on Sunday. Twelve soldiers were killed.")
    [report] = detect(text, date(2024, 6, 16), title).primary
    assert (report.base, report.attack_date, report.killed) == ("Djibo military base", date(2024, 6, 14), 12)


def test_troops_location_and_a_sector_headquarters_are_installations():
    text = ("Troops on Saturday night repelled an attack by insurgents on their location in Monguno, the army said on "
            "Monday, adding that two soldiers were wounded.")
    [report] = detect(text, date(2024, 9, 9), "").primary
    assert (report.base, report.attack_date, report.wounded) == ("Monguno military base", date(2024, 9, 7), 2)
    sector = "The task force said its Sector 2 headquarters in Baga Sola was attacked with drones on Friday."
    [report] = detect(sector, date(2024, 9, 9), "").primary
    assert ("Baga Sola" in report.base, report.attack_date) == (True, date(2024, 9, 6))
    assert detect("Investigators have not yet found their location in Monguno, the army said on Monday.",
                  date(2024, 9, 9), "").reports == ()


def test_a_capitalised_installation_noun_mid_sentence_ends_a_name():
    text = ("Two rockets hit the South Camp of the observer force near Sharm el-Sheikh on Tuesday, wounding a "
            "peacekeeper, the force said.")
    [report] = detect(text, date(2018, 5, 9), "").primary
    assert (report.base.startswith("South Camp"), report.attack_date, report.wounded) == (True, date(2018, 5, 8), 1)


def test_one_of_the_army_s_positions_placed_by_a_compass_point_is_an_installation():
    text = ("Gunmen attacked one of the army's positions west of Bir al-Abd on Thursday night, killing three "
            "soldiers, the military said on Friday.")
    [report] = detect(text, date(2018, 5, 11), "").primary
    assert ("Bir al-Abd" in report.base, report.attack_date, report.killed) == (True, date(2018, 5, 10), 3)


def test_an_attack_the_sentence_negates_or_criticism_under_fire_is_no_attack():
    for text in ("Protesters blocked the gate of Camp Lemonnier on Monday, but nobody fired at the base, police said.",
                 "Two armed groups clashed near Gao on Monday. \"No FAMa camp was attacked,\" an official said.",
                 "The ministry has come under fire over the unfinished perimeter wall at Camp Lemonnier, which "
                 "auditors found on Monday was half built."):
        assert detect(text, date(2024, 5, 7), "").primary == (), text


def test_a_rival_group_s_base_and_a_camp_used_by_takfiri_elements_are_no_military_installations():
    for text in ("Al-Shabaab fighters overran a base of the rival Islamic State in Somalia near Qandala on Sunday, "
                 "killing dozens, elders said.",
                 "Forces destroyed a camp used by takfiri elements for training in central Sinai, the army said on "
                 "Sunday. Jets first struck the camp, after which ground forces raided the area and found mortar "
                 "shells."):
        assert detect(text, date(2024, 5, 13), "").primary == (), text


def test_drones_a_governor_counts_over_the_base_s_own_district_are_the_attack_s_count():
    text = ("Ukraine's General Staff said its drones hit the Morozovsk air base overnight into Sunday. The regional "
            "governor said 23 drones had been downed over the Morozovsk district, and 40 over the region as a whole.")
    [report] = detect(text, date(2025, 3, 2), "").primary
    assert (report.attack_date, report.projectiles) == (date(2025, 3, 2), 23)
    regional = ("Ukraine's General Staff said its drones hit the Morozovsk air base overnight into Sunday. The "
                "regional governor said 40 drones had been downed over the region.")
    assert detect(regional, date(2025, 3, 2), "").primary[0].projectiles is None


def test_translated_and_local_words_for_installations():
    cases = [("Gunmen attacked a military point of the Syrian Democratic Forces in the town of Busayrah on Monday "
              "night, killing two fighters.", "Busayrah"),
             ("Militants fired rockets at Bannu Cantt late on Monday, injuring three soldiers, police said.", "Bannu"),
             ("Two drones struck the military air base on Zuqar island on Monday evening, wounding three soldiers.",
              "Zuqar"),
             ("Insurgents fired on their post near Tuz Khurmatu late on Monday, wounding three Peshmerga.", "Tuz")]
    for text, place in cases:
        [report] = detect(text, date(2024, 6, 11), "").primary
        assert (place in report.base, report.attack_date) == (True, date(2024, 6, 10)), text
    assert detect("From a military point of view, the attack on Busayrah on Monday changed nothing, he said.",
                  date(2024, 6, 11), "").primary == ()
    [cantt] = detect("Terrorists attacked the DI Khan Cantt on Monday night.", date(2024, 6, 11), "").primary
    assert cantt.base == "Dera Ismail Khan Cantonment"


def test_sieges_falls_strafing_and_sniping_are_attacks_told_in_other_words():
    cases = [("Gunmen laid siege to the army base in Dansadau on Friday, killing four soldiers.", "unknown"),
             ("A federal army camp in Debre Markos fell into the hands of militia fighters on Friday.", "unknown"),
             ("Rebels strafed the patrol base of the 4th Infantry Battalion in Malita on Friday.", "gunfire"),
             ("Rebels sniped at the patrol base of the 4th Infantry Battalion in Malita on Friday.", "gunfire"),
             ("Dissidents attacked the battalion based in Suárez with drones on Friday.", "drone")]
    for text, weapon in cases:
        [report] = detect(text, date(2024, 6, 15), "").primary
        assert report.attack_date == date(2024, 6, 14) and weapon in report.weapons + ("unknown",), text


def test_a_reference_back_as_someone_s_unit_leaves_the_installation_the_target():
    text = ("Bandits laid siege to the army base in Dansadau on Friday, killing two soldiers attached to the base, "
            "residents said.")
    [report] = detect(text, date(2024, 6, 15), "").primary
    assert (report.attack_date, report.killed) == (date(2024, 6, 14), 2)


def test_where_a_story_stands_weeks_after_an_attack_is_no_new_attack():
    text = ("Trainers who worked at the Baghdad airport base have not returned to the base six weeks after it was "
            "hit by rockets, officers said on Monday.")
    assert detect(text, date(2024, 6, 17), "").primary == ()


def test_a_numbered_unit_attacked_in_its_town_is_its_base():
    text = ("Resistance fighters attacked Light Infantry Battalion 228 in Ye-U Township with drones late on Monday, "
            "the junta said.")
    [report] = detect(text, date(2024, 6, 11), "").primary
    assert ("Ye-U" in report.base, report.attack_date, report.weapons) == (True, date(2024, 6, 10), ("drone",))
    assert detect("Light Infantry Battalion 228 in Ye-U Township held a parade on Monday.", date(2024, 6, 11),
                  "").primary == ()


def test_a_day_every_calendar_names_dates_the_attack_and_a_report_seen_on_a_day_does_not():
    text = ("Militants attacked an army camp at Baure on New Year's Eve, killing a soldier, according to an army "
            "report seen by the paper on Friday.")
    [report] = detect(text, date(2025, 1, 3), "").primary
    assert (report.attack_date, report.killed) == (date(2024, 12, 31), 1)


def test_sirens_set_off_by_a_false_alarm_with_nothing_launched_report_no_attack():
    text = ("Sirens sent soldiers at the Ramat David air base to shelters on Tuesday morning, but they were set off "
            "by a false alarm and no rocket or drone was launched from Lebanon, the army said.")
    assert detect(text, date(2024, 4, 16), "").primary == ()


def test_an_installation_whose_own_clause_tells_no_attack_is_not_the_after_clause_s_target():
    text = ("Dozens of farmers pulled down part of the fence of a Turkish military base near Batifa on Sunday, a day "
            "after Turkish shelling killed three shepherds nearby, residents said.")
    assert detect(text, date(2023, 6, 12), "").primary == ()
    told = ("Soldiers were still clearing debris at the army camp in Dikwa on Monday, a day after it was attacked by "
            "insurgents, residents said.")
    assert [r.base for r in detect(told, date(2023, 6, 12), "").primary] == ["Dikwa military base"]


def test_where_an_attacked_unit_is_stationed_is_the_target_not_an_origin():
    text = "The army reported an attack on the unit stationed at Tessit on Monday, saying five soldiers were killed."
    [report] = detect(text, date(2025, 3, 5), "").primary
    assert (report.base, report.attack_date, report.killed) == ("Tessit military camp", date(2025, 3, 3), 5)
    member = "A soldier of the battalion stationed at Tessit was killed in an ambush on a road near Gao on Monday."
    assert [r.base for r in detect(member, date(2025, 3, 5), "").primary] != ["Tessit military camp"]


def test_the_headquarters_of_a_military_district_or_a_fleet_is_named_by_it():
    text = ("A drone struck the headquarters of Russia's Central Military District in Yekaterinburg early on Monday, "
            "injuring two servicemen, a source said.")
    [report] = detect(text, date(2025, 4, 14), "").primary
    assert (report.base.startswith("Central Military District headquarters"), report.wounded) == (True, 2)


def test_drones_used_to_drop_bombs_on_a_camp_attack_it():
    text = ("Two soldiers were injured when militants used drones to drop bombs on an army camp at Moreh late last "
            "night, officials said on Sunday.")
    [report] = detect(text, date(2024, 9, 8), "").primary
    assert (report.attack_date, report.weapons, report.wounded) == (date(2024, 9, 7), ("drone",), 2)


def test_a_post_of_a_named_force_and_a_glossed_detachment_are_installations():
    text = "Gunmen attacked an SDF post on the northern edge of Shuhayl on Tuesday night, killing a fighter."
    [report] = detect(text, date(2021, 11, 18), "").primary
    assert ("Shuhayl" in report.base, report.attack_date) == (True, date(2021, 11, 16))
    glossed = ("Two soldiers were wounded on Monday night when gunmen fired at the military detachment "
               "(destacamento) at Puerto Nuevo from the river.")
    [report] = detect(glossed, date(2024, 12, 4), "").primary
    assert ("Puerto Nuevo" in report.base, "(" in report.base, report.wounded) == (True, False, 2)


def test_what_a_new_base_will_let_troops_respond_to_is_no_attack_on_it():
    text = ("The defence minister on Thursday officially opened a new Kenya Defence Forces forward operating base at "
            "Kiunga, on the edge of the forest, saying it would allow troops to respond faster to al-Shabaab attacks "
            "on villages in the area.")
    assert detect(text, date(2024, 3, 15), "").primary == ()


def test_a_group_telling_its_own_attack_claims_it():
    cases = [("Hezbollah said yesterday morning that its fighters had fired rockets at the Biranit barracks.",
              "Hezbollah"),
             ("Taliban fighters attacked an army base in Ghormach district overnight, killing four soldiers, officials "
              "said on Monday. The group's spokesman claimed responsibility on Telegram.", "Taliban"),
             ("The Arakan Army (AA) has captured the base of Light Infantry Battalion 540 in Paletwa after two days "
              "of fighting, the AA said on Monday.", "Arakan Army")]
    for text, group in cases:
        [report] = detect(text, date(2024, 6, 11), "").primary
        assert report.claimed_by == group, text


def test_those_also_killed_add_to_the_toll_when_they_are_defenders():
    text = ("Militants attacked the army base in Mainok on Friday. Four soldiers were killed in the attack. Two "
            "members of the vigilante force, who were holding the trenches with the troops, also died. Two "
            "vigilantes were also killed. Five attackers were also killed. A civilian was also killed by a stray "
            "bullet in the town.")
    [report] = detect(text, date(2024, 7, 7), "").primary
    assert report.killed == 8


def test_armed_drones_flown_over_a_base_attack_it_and_systems_that_will_protect_one_do_not():
    text = ("Militants flew three armed drones over the army base in Damboa late on Tuesday, wounding a soldier, "
            "sources said on Thursday.")
    [report] = detect(text, date(2025, 10, 16), "").primary
    assert (report.attack_date, report.wounded) == (date(2025, 10, 14), 1)
    contract = ("The ministry on Wednesday signed a contract for radars and jammers that will protect the Camp "
                "Lemonnier base against drone attacks.")
    assert detect(contract, date(2025, 10, 16), "").primary == ()


def test_the_day_before_yesterday_is_a_date_not_an_earlier_event():
    text = ("Two soldiers were killed the day before yesterday when the army camp at Kolofata was attacked, the "
            "prefect told us.")
    [report] = detect(text, date(2025, 8, 20), "").primary
    assert (report.attack_date, report.killed) == (date(2025, 8, 18), 2)


def test_a_forward_post_is_an_installation():
    text = "Gunmen fired at an Army forward post in the Uri sector late on Wednesday, injuring a soldier."
    [report] = detect(text, date(2025, 1, 23), "").primary
    assert ("Uri" in report.base, report.attack_date, report.wounded) == (True, date(2025, 1, 22), 1)


def test_more_projectiles_told_later_add_to_the_count():
    text = ("Three drones were launched at the army base in Saravena at about 2 a.m. on Monday; one was shot down. "
            "About an hour later, two more drones struck the base's fuel store.")
    [report] = detect(text, date(2024, 10, 22), "").primary
    assert report.projectiles == 5
    governor = ("Ukrainian drones attacked the Kubinka air base overnight into Sunday. The governor said air defences "
                "had destroyed four drones over Kubinka shortly after 1 a.m., and two more towards dawn.")
    [report] = detect(governor, date(2025, 5, 4), "").primary
    assert report.projectiles == 6


def test_a_quantified_installation_is_none_in_particular():
    text = ("The army chief said on Tuesday that drones had been used in 19 of the attacks and that the army needed "
            "counter-drone equipment at every super camp.")
    assert detect(text, date(2025, 2, 11), "").primary == ()


def test_the_country_s_military_headquarters_is_that_of_the_country_the_story_names():
    text = ("Gunmen attacked the French cultural centre in Bamako, Mali, on Monday, while the country's military "
            "headquarters was also targeted, the government said.")
    [report] = detect(text, date(2018, 3, 6), "").primary
    assert (report.base, report.attack_date) == ("Mali military headquarters", date(2018, 3, 5))


def test_an_incursion_by_fighters_is_an_attack_and_a_drone_incursion_is_not():
    text = ("The army camp at Kerawa was the target of an incursion by Boko Haram fighters on Monday night, which "
            "killed two soldiers, sources said on Wednesday.")
    [report] = detect(text, date(2025, 3, 26), "").primary
    assert (report.attack_date, report.killed) == (date(2025, 3, 24), 2)
    airspace = "Two drone incursions were reported over the Ramstein air base on Monday night, police said."
    assert detect(airspace, date(2025, 3, 26), "").primary == ()


def test_the_installation_a_headline_reports_is_the_one_the_body_calls_the_garrison():
    title = "Gunmen attack Tongo garrison, three soldiers dead"
    text = ("Residents of Tongo said by telephone that gunmen on pick-up trucks attacked the garrison on Friday "
            "evening and fought the soldiers for two hours. Three soldiers were killed. In 2023 the Tongo garrison "
            "had already been shelled, wounding a guard.")
    [report] = detect(text, date(2025, 2, 9), title).primary
    assert ("Tongo" in report.base, report.attack_date, report.killed) == (True, date(2025, 2, 7), 3)
    unrelated = "Farmers protest rising fertiliser prices in Tongo"
    quiet = "Gunmen attacked the garrison on Friday evening, residents said."
    assert detect(quiet, date(2025, 2, 9), unrelated).primary == ()


def test_a_toll_told_as_the_attack_came_is_another_events():
    text = ("Drones hit the air base at Millerovo late on Monday. The strike on the airbase came as at least four "
            "civilians were killed by shelling in Horlivka. Nobody at the base was hurt, the governor said.")
    [report] = detect(text, date(2025, 6, 3), "").primary
    assert report.killed in (0, None)


def test_automatic_weapons_are_gunfire():
    text = "Militants fired automatic weapons at the army post in Kalma on Sunday night, wounding two soldiers."
    [report] = detect(text, date(2025, 6, 3), "").primary
    assert "gunfire" in report.weapons


def test_a_description_placed_by_a_listed_base_is_evidence_about_that_base():
    text = ("Drones were flown at Ain al-Asad air base on Tuesday and a rocket was fired at a base hosting coalition "
            "troops near Erbil International Airport, officials said.")
    found = {c.as_primary.base: c.features for c in candidates(text, date(2024, 2, 7), "") if c.as_primary}
    assert not found["Erbil Air Base"].get("landmark_only") and found["Ain al-Asad Air Base"].get("targeted")


def test_a_group_the_vocabulary_does_not_list_is_suspected_as_the_blame_names_it():
    assert suspected(["Officials blamed fighters of the Lower Valley Liberation Front (LVLF) for the raid."]) \
        == "Lower Valley Liberation Front"
    assert suspected(["The governor attributed it to the Red Hills Brigade, which denied it."]) == "Red Hills Brigade"
    assert suspected(["Police blamed Kyiv for the blast."]) is None
    assert suspected(["Two suspected Iran-aligned gunmen were arrested."]) is None


def test_an_attack_told_only_after_the_news_is_dated_where_it_is_told():
    text = ("Photographs taken on Tuesday show a burned hangar at the Saky airfield, nine days after drones "
            "attacked it on the night of March 3, analysts said.")
    assert detect(text, date(2025, 3, 13), "").primary == ()


def test_an_inquiry_into_an_attack_of_the_last_days_reports_it_and_arrests_do_not():
    text = ("The army has opened an inquiry into Thursday night's attack on its camp in Gao, in which two soldiers "
            "were killed, a spokesman said on Saturday.")
    [report] = detect(text, date(2025, 5, 10), "").primary
    assert (report.attack_date, report.killed) == (date(2025, 5, 8), 2)
    old = "The army has opened an inquiry into the attack on its camp in Gao in March, a spokesman said."
    assert detect(old, date(2025, 5, 10), "").primary == ()
    arrests = "Police arrested three men on Saturday over Thursday night's attack on the army camp in Gao."
    assert detect(arrests, date(2025, 5, 10), "").primary == ()


def test_a_forces_post_of_a_town_is_an_installation():
    text = "On Monday night gunmen attacked the FAMa post of Ouattagouna, killing three soldiers, the army said."
    [report] = detect(text, date(2025, 4, 9), "").primary
    assert ("Ouattagouna" in report.base, report.attack_date, report.killed) == (True, date(2025, 4, 7), 3)


def test_one_of_the_army_s_bases_and_a_base_in_the_town_of_a_place_are_installations():
    text = ("Rebels fired mortars at one of the army's bases near Sinjar on Friday night, wounding a soldier, the "
            "ministry said on Saturday.")
    [report] = detect(text, date(2024, 9, 7), "").primary
    assert (report.attack_date, report.wounded) == (date(2024, 9, 6), 1)
    port = ("A drone boat struck the naval base in the port of Berbera early on Tuesday, wounding three sailors, "
            "officials said.")
    [report] = detect(port, date(2024, 9, 10), "").primary
    assert ("Berbera" in report.base, report.attack_date, report.wounded) == (True, date(2024, 9, 10), 3)


def test_soldiers_position_in_a_town_is_their_post():
    text = ("Three soldiers were wounded when gunmen attacked their position in Bambari early on Friday, a military "
            "officer said.")
    [report] = detect(text, date(2024, 11, 2), "").primary
    assert ("Bambari" in report.base, report.attack_date, report.wounded) == (True, date(2024, 11, 1), 3)


def test_an_attack_that_was_the_scenario_of_an_exercise_is_none():
    told_late = ("Gunmen in pick-ups stormed the army camp at Mao on Thursday and were driven off within an hour. This "
                 "was the scenario of a two-day field exercise of the 3rd Battalion, the army said.")
    assert detect(told_late, date(2025, 3, 7), "").primary == ()
    scenario = ("Paratroopers defended the Kubang air base on Tuesday. In the scenario, infiltrators attacked the fuel "
                "depot with drones.")
    assert detect(scenario, date(2025, 3, 7), "").primary == ()


def test_a_headline_about_a_weapons_test_frames_the_story():
    text = ("Air defence crews fired a new system at the Shindand air base on Monday, shooting down two target drones "
            "over the range, the ministry said.")
    assert detect(text, date(2025, 2, 4), "Army test-fires new air defence system at Shindand").primary == ()


def test_a_claim_the_story_marks_or_dismisses_is_no_attack_on_an_installation():
    called = ("The group claimed an attack on what it called 'an army fortress' in Geidam on Sunday, but police said "
              "gunmen had burned a market. Soldiers at the army camp in the town did not come under fire, a military "
              "source said.")
    assert detect(called, date(2025, 6, 3), "").primary == ()
    dismissed = ("The army on Tuesday dismissed a claim by the militants that they had attacked its camp in Buni "
                 "Yadi on Sunday. A convoy was ambushed on the highway instead, it said.")
    assert detect(dismissed, date(2025, 6, 3), "").primary == ()


def test_the_outlet_s_own_earlier_report_being_corrected_is_no_news():
    text = ("Earlier we reported, citing local channels, that drones had hit the Saky air base overnight. Officials "
            "said the drones struck a fuel depot in the town.")
    assert detect(text, date(2025, 3, 11), "").primary == ()


def test_a_group_killed_with_them_adds_to_the_toll():
    assert casualties(["Three soldiers died in the assault on the camp.",
                       "Two militiamen were killed with them, a local official said."])[0] == 5


def test_tolls_a_claimant_gives_are_not_counted_and_the_wounded_who_died_move():
    assert casualties(["The group claimed the raid in a statement, saying its fighters had killed 40 soldiers."])[0] \
        is None
    rose = ("The number of soldiers killed in Friday night's assault by insurgents on the army base in Dikwa, in the "
            "east of Borno State, has risen to six, sources said.")
    assert casualties([rose])[0] == 6
    assert casualties(["Seven soldiers were wounded.", "Two of them died in hospital on Saturday."])[1] == 5


def test_drones_counted_over_the_district_named_for_the_base_s_town_are_its_attack():
    said = ["Air defences destroyed 14 drones over the Millerovsky district overnight, the governor said."]
    assert counted_over(said, ["Millerovo"]) == 14
    assert counted_over(said, ["Millerovo", "Zone"]) == 14
    assert counted_over(["Nine drones were downed over the Kamensky district."], ["Millerovo"]) is None


def test_a_funeral_days_after_an_attack_reports_it_dated_back_from_the_funeral():
    text = ("Mourners carried the coffins of four soldiers through Kirkuk on Monday, three days after militants "
            "stormed their post in the Wadi al-Shay area, the army said.")
    [report] = detect(text, date(2024, 5, 14), "").primary
    assert ("Wadi" in report.base, report.attack_date) == (True, date(2024, 5, 10))
    weeks = ("Mourners carried the coffins of four soldiers through Kirkuk on Monday, three weeks after militants "
             "stormed their post in the Wadi al-Shay area, the army said.")
    assert detect(weeks, date(2024, 5, 14), "").primary == ()


def test_images_a_day_after_an_attack_date_it_a_day_before_them():
    text = ("Satellite images taken on Thursday show a burned hangar at the Shaykovka air base, a day after drones "
            "struck it, analysts said.")
    [report] = detect(text, date(2025, 3, 21), "").primary
    assert report.attack_date == date(2025, 3, 19)


def test_the_day_a_communique_was_read_on_television_is_when_it_was_told():
    text = ("In a communiqué read on state television on Thursday evening, the ministry revised the toll of the "
            "attack on the army camp at Inates. \"On Tuesday 4 March 2025, at dawn, the army camp at Inates was "
            "attacked by terrorists,\" it said.")
    [report] = detect(text, date(2025, 3, 7), "").primary
    assert report.attack_date == date(2025, 3, 4)


def test_an_owner_glossed_with_its_acronym_describes_the_installation():
    text = ("Gunmen opened fire on a Lebanese Armed Forces (LAF) barracks in Arsal late on Friday, "
            "wounding a soldier, the army said.")
    [report] = detect(text, date(2024, 11, 10), "").primary
    assert ("Arsal" in report.base, report.attack_date, report.wounded) == (True, date(2024, 11, 8), 1)


def test_an_airport_the_text_says_the_army_uses_is_an_installation():
    text = ("Militants fired three mortar rounds at the airport in el-Tor on Monday evening, wounding a soldier. The "
            "airport has no civilian flights and is used by the army for transport aircraft.")
    [report] = detect(text, date(2024, 2, 6), "").primary
    assert ("Tor" in report.base, report.attack_date, report.wounded) == (True, date(2024, 2, 5), 1)


def test_who_holds_an_installation_does_not_name_it():
    text = "Ukrainian rockets struck the Russian-held airfield at Chornobaivka overnight into Friday, officials said."
    assert [r.base for r in detect(text, date(2022, 7, 1), "").primary] == ["Chornobaivka Airfield"]


def test_a_day_after_said_and_an_event_verb_dates_the_event():
    text = ("Three soldiers were killed when militants attacked the army base in Bama, the army said on Wednesday. "
            "A spokesman said the assault began on Monday night with mortar fire.")
    [report] = detect(text, date(2025, 4, 2), "").primary
    assert report.attack_date == date(2025, 3, 31)


def test_drones_flown_into_a_base_attack_it():
    text = ("Insurgents flew two explosive-laden drones into the army base in Gajiram late on Friday, wounding three "
            "soldiers, sources said on Sunday.")
    [report] = detect(text, date(2025, 2, 9), "").primary
    assert (report.attack_date, report.wounded) == (date(2025, 2, 7), 3)


def test_where_the_dead_are_mourned_is_not_the_installation_attacked():
    text = ("Militants attacked a security forces' fort in the Spinwam area late on Sunday, killing two soldiers. "
            "Funeral prayers for the soldiers were offered at the Bannu cantonment on Monday.")
    [report] = detect(text, date(2025, 2, 4), "").primary
    assert "Bannu" not in report.base


def test_the_town_before_a_military_airfield_names_its_listed_one():
    text = "Cruise missiles struck the Lutsk military airfield overnight, the ministry said on Saturday."
    assert [r.base for r in detect(text, date(2025, 10, 4), "").primary] == ["Lutsk Air Base"]


def test_fob_is_the_military_acronym_for_a_forward_operating_base():
    text = ("Jihadists attacked the FOB at Gubio late on Tuesday, police said on Thursday. Two soldiers were killed "
            "when they fired rockets at the FOB.")
    [report] = detect(text, date(2025, 5, 8), "").primary
    assert ("Gubio" in report.base, report.attack_date, report.killed) == (True, date(2025, 5, 6), 2)


def test_the_troops_owning_a_base_stand_between_it_and_its_town():
    text = ("Gunmen stormed the military camp of troops of Operation Safe Corridor in Malam Fatori on Sunday night, "
            "killing one soldier, residents said on Tuesday.")
    [report] = detect(text, date(2025, 9, 16), "").primary
    assert ("Malam Fatori" in report.base, report.attack_date) == (True, date(2025, 9, 14))


def test_its_headquarters_is_that_of_the_numbered_unit_the_sentence_names():
    text = ("The 22nd Infantry Division in Babanusa said militiamen had shelled its headquarters on Friday with "
            "artillery, killing one soldier.")
    [report] = detect(text, date(2025, 1, 26), "").primary
    assert ("22nd Infantry Division" in report.base, report.attack_date) == (True, date(2025, 1, 24))


def test_an_attack_foiled_by_troops_was_made():
    text = ("Soldiers at the army base in Damasak foiled an attack by insurgents on Friday night. In a statement "
            "issued on Sunday, the army said the insurgents fired rockets at the base.")
    [report] = detect(text, date(2025, 3, 30), "").primary
    assert report.attack_date == date(2025, 3, 28)


def test_a_camp_of_herders_or_miners_is_no_installation():
    text = ("Gunmen attacked a camp of Peul herders near Inekar on Sunday night, killing five herders. In a second "
            "raid, insurgents burned a gold miners' camp at Intahaka, killing two soldiers guarding the mine.")
    assert detect(text, date(2025, 4, 8), "").primary == ()


def test_the_camp_after_a_refugee_camp_and_an_army_post_is_the_refugees_camp():
    text = ("Gunmen killed four refugees in a raid on the Mentao camp on Friday, before soldiers from the army post "
            "at Djibo arrived. Aid agencies called for more protection around the camp after the attack.")
    assert detect(text, date(2025, 4, 8), "").primary == ()


def test_a_story_saying_the_exercise_was_conducted_told_an_exercise():
    text = ("Soldiers at Fort Tiuna repelled an attack by six explosive drones on Tuesday morning, the army said. The "
            "exercise, which lasted two hours, was conducted by the air defence battalion with observers from abroad.")
    assert detect(text, date(2025, 5, 8), "Drones repelled at Fort Tiuna").primary == ()


def test_a_base_football_team_attacking_a_goal_is_sport():
    text = ("The football team of Kulbakino air base won the regional cup on Sunday after its strikers launched "
            "attack after attack and bombarded the visitors' goal.")
    assert detect(text, date(2025, 5, 12), "").primary == ()


def test_the_next_act_with_another_weapon_adds_its_count():
    text = ("Insurgents launched three drones at the army base in Tillia on Sunday evening and then fired eight "
            "mortar shells at it, the army said.")
    [report] = detect(text, date(2025, 6, 3), "").primary
    assert report.projectiles == 11


def test_the_headquarters_refers_back_to_a_headquarters_named_before():
    text = ("Militiamen attacked the headquarters of the army's 16th Infantry Division in Nyala on Monday night, "
            "killing two soldiers. They fired ten shells at the headquarters from the east, a source said.")
    [report] = detect(text, date(2025, 6, 3), "").primary
    assert report.projectiles == 10


def test_a_third_wounded_after_two_killed_is_one_wounded():
    text = ("Two soldiers were killed and a third was wounded when gunmen attacked the army post at Tarmiyah on "
            "Monday night, police said on Tuesday.")
    [report] = detect(text, date(2024, 3, 5), "").primary
    assert (report.killed, report.wounded) == (2, 1)


def test_a_forces_acronym_owns_one_of_its_posts_and_an_island_places_a_position():
    posts = "Islamic State remnants attacked one of the PMF's posts near Tuz Khurmatu on Sunday night, the PMF said."
    island = ("Boko Haram fighters attacked the army position on the island of Kaiga Kindjiria at dawn on Sunday, "
              "killing three soldiers.")
    assert [r.base for text in (posts, island) for r in detect(text, date(2024, 3, 5), "").primary] == [
        "Unnamed military base, Tuz Khurmatu", "Unnamed military base, Kaiga Kindjiria"]


def test_a_sentence_opening_with_a_clock_time_goes_on_with_the_day_told_before():
    text = ("The fighting reached Tame itself on Saturday night. At about 10 p.m., two drones dropped explosives on "
            "the army base on the edge of Tame, the army said on Monday.")
    [report] = detect(text, date(2025, 3, 10), "").primary
    assert report.attack_date == date(2025, 3, 8)


def test_a_sea_before_a_port_places_the_port():
    text = "Drones struck the naval base in the Black Sea port of Ochamchire late on Sunday, officials said on Monday."
    [report] = detect(text, date(2025, 3, 10), "").primary
    assert report.base == "Unnamed military base, Ochamchire"


def test_a_group_blamed_for_an_installation_strike_does_not_own_it():
    text = ("Two sailors were killed when drones struck the naval base in the port of Ras Isa late on Sunday, "
            "officials said.")
    [report] = detect(text, date(2025, 3, 10), "Officials blame Houthis for naval base strike").primary
    assert report.attack_date == date(2025, 3, 9)


def test_an_air_defence_position_is_an_installation():
    text = ("Drones struck a Russian air defence position near Dzhankoi overnight into Friday, destroying a radar, "
            "Ukraine's military intelligence said.")
    [report] = detect(text, date(2025, 6, 6), "").primary
    assert ("Dzhankoi" in report.base, report.attack_date) == (True, date(2025, 6, 6))


def test_an_attack_on_a_district_home_to_an_airfield_is_on_the_airfield():
    text = ("The governor of Voronezh region said air defences had destroyed eleven drones over the Ostrogozhsky "
            "district overnight. The district is home to the Baltimor air base.")
    [report] = detect(text, date(2025, 5, 25), "").primary
    assert (report.base, report.attack_date) == ("Baltimor Air Base", date(2025, 5, 25))


def test_a_strike_near_a_city_that_hit_an_air_base_targets_the_base():
    text = "Saturday night's strike near Sevastopol hit the Belbek air base, the General Staff said on Sunday."
    [mention] = read_mentions(article_sentences(text), date(2025, 5, 25))[0]
    assert (mention.ref.name, mention.role) == ("Belbek Air Base", "target")


def test_a_place_around_which_something_happens_is_the_town():
    text = ("A bomb exploded in a market on Sunday, killing two people, police said. Bombings have become rare, but "
            "militant cells remain active in the orchards around Balad.")
    assert detect(text, date(2024, 5, 6), "").primary == ()


def test_a_drone_carrying_pistols_and_drugs_for_smugglers_is_no_attack():
    text = ("Border guards shot down a drone carrying three pistols, ten cartridges and a packet of heroin near an "
            "army post in Tarn Taran district on Monday night. Troops at the post fired at the drone when they heard "
            "it.")
    assert detect(text, date(2024, 5, 7), "").primary == ()


def test_attack_ads_about_a_base_are_politics():
    text = ("The candidates for the county board have turned to attack ads, each accusing the other of putting Fort "
            "Polk, the Army post that employs half the parish, at risk.")
    assert detect(text, date(2025, 10, 7), "Attack ads fly over Fort Polk jobs").primary == ()


def test_the_day_a_claim_was_made_does_not_date_a_described_installation():
    text = ("Islamic State claimed responsibility on Monday for an attack on an army post at Ayorou in western Niger. "
            "The group said its fighters had stormed the post on Saturday and killed several soldiers.")
    [report] = detect(text, date(2025, 8, 12), "").primary
    assert report.attack_date == date(2025, 8, 9)


def test_the_camp_where_the_dead_were_buried_is_not_what_the_camp_refers_to():
    text = ("The soldiers killed in Tuesday's attack on the Boni military camp were buried on Thursday. Four wounded "
            "are still treated at the hospital of the Gao camp. Residents of Boni said the attackers had shelled the "
            "camp with mortars before dawn on Tuesday.")
    assert [r.base for r in detect(text, date(2025, 5, 9), "").primary] == ["Boni military camp"]


def test_a_residential_camp_for_oil_workers_is_no_installation():
    text = ("Two rockets struck a residential camp for foreign oil workers near Zubair late on Monday, wounding a "
            "guard, police said.")
    assert detect(text, date(2022, 3, 1), "").primary == ()


def test_the_camp_of_an_opposition_party_is_no_installation_of_the_state():
    text = ("Iranian drones struck the camp of an Iranian Kurdish opposition party near Koya on Monday, killing two "
            "of its members. Several drones hit the camp, which also houses the families of members, a party official "
            "said.")
    assert detect(text, date(2022, 11, 15), "Iranian drones hit opposition camp").primary == ()


def test_hareer_is_a_spelling_of_harir():
    text = "Two drones targeted the Hareer base north of Erbil on Tuesday night, officials said on Wednesday."
    assert [r.base for r in detect(text, date(2023, 11, 22), "").primary] == ["Harir Air Base"]


def test_an_attack_at_a_place_the_base_only_locates_is_not_on_the_base():
    text = ("Four people were killed on Wednesday when a suicide bomber blew himself up at a teashop opposite the gate "
            "of the army base in Afgoye, police said. The base was not damaged and no shots were fired at the base.")
    assert detect(text, date(2025, 11, 20), "").primary == ()


def test_a_patrol_hit_kilometres_from_its_base_is_not_an_attack_on_the_base():
    text = ("Two soldiers on patrol were killed by a drone on Tuesday, the brigade said. The patrol had left the army "
            "base in Saravena at dawn. At about 10 a.m., in the village of Caño Limón, about fifteen kilometres from "
            "the base, a drone dropped a charge on the soldiers.")
    assert detect(text, date(2025, 6, 18), "").primary == ()


def test_the_earlier_of_back_to_back_attacks_on_a_base_is_background():
    text = ("A drone struck the coalition base at Qasrak on Sunday, wounding a soldier, officials said on Monday. It "
            "was the second attack on the base in two days. On Saturday evening, three rockets fell inside the base "
            "without causing casualties.")
    [report] = detect(text, date(2024, 2, 5), "").primary
    assert (report.attack_date, report.weapons) == (date(2024, 2, 4), ("drone",))


def test_the_dead_in_a_relative_clause_are_counted_but_not_those_of_an_accident():
    deplored = ("We deplore four soldiers and two VDP who fell on the field of honour when terrorists attacked the "
                "detachment of Gayeri on Friday.")
    accident = "Many attended the funeral of a soldier who was killed in a road accident near the base on Sunday."
    assert (casualties([deplored])[0], casualties([accident])[0]) == (6, None)


def test_hospital_counts_and_quoted_deaths_are_read():
    brought = "The hospital in Zhob said five injured FC personnel had been brought in overnight."
    splinters = "The district hospital said three other FC men had been brought in with splinter injuries."
    quoted = 'According to the army, nine soldiers and two VDP "fell with arms in hand".'
    assert (casualties([brought])[1], casualties([splinters])[1], casualties([quoted])[0]) == (5, 3, 11)


def test_a_headline_camp_the_story_calls_a_civilians_camp_is_one():
    text = ("Suspected militants attacked a rangers' camp in the Tsavo East national park on Sunday night, killing "
            "one ranger, the wildlife service said.")
    assert detect(text, date(2025, 1, 21), "Ranger killed as militants attack KWS camp in Tsavo").primary == ()


def test_a_follow_up_on_attacks_at_the_start_of_the_month_is_not_news():
    text = ("Engineers have spent ten days building new shelters around the base at Tal Baydar, after the base was "
            "attacked twice at the start of the month, officials said.")
    assert detect(text, date(2024, 1, 18), "Coalition rebuilds Tal Baydar defences after attacks").primary == ()


def test_one_person_of_a_force_suffering_a_single_injury_is_one_wounded():
    text = ("A drone struck the Tower 22 outpost on Sunday, and a member of a partner force stationed at the outpost "
            "suffered a minor injury, officials said.")
    [report] = detect(text, date(2024, 2, 5), "").primary
    assert report.wounded == 1


def test_what_the_owner_of_the_wounded_does_stands_between_them_and_their_verb():
    text = "An employee of the firm that services the helicopters was lightly injured by shrapnel, the source said."
    assert casualties([text])[1] == 1


def test_a_raised_count_of_the_hurt_and_the_people_under_treatment_are_the_wounded():
    raised = "Two more soldiers were treated for concussion, raising to five the number of troops hurt in the attack."
    in_care = "Three soldiers were killed, and four other soldiers are still receiving treatment in Maiduguri."
    assert (casualties([raised])[1], casualties([in_care])[1]) == (5, 4)


def test_a_base_at_a_town_written_with_its_arabic_article_is_the_town_s_listed_base():
    # transliterations write "Al-Harir" or "Harir" for one town; the base placed there is the one listed under it
    text = ("A drone struck a coalition base in northern Iraq early on Friday, a spokesman said. Local television "
            "said the drone hit a base at Al-Harir, north-east of the regional capital.")
    [report] = detect(text, date(2022, 3, 12), "").primary
    assert (report.base, report.attack_date) == ("Harir Air Base", date(2022, 3, 11))


def test_attacks_a_motive_clause_names_do_not_make_the_sentence_a_tally():
    # the attacks the group says it avenges provoked the news; the sentence still reports one salvo
    text = ("The militia said it had fired drones at the Tal Baydar base, \"in response to the repeated American "
            "raids on our brothers.\"")
    [report] = detect(text, date(2023, 11, 8), "").primary
    assert report.base.startswith("Tal Baydar")


def test_a_lead_that_overtakes_a_headline_about_the_other_side_s_strikes_is_news():
    # a rolling wire story: the headline is still about the airstrikes, the updated lead about the attack on a base
    title = "Toll from airstrikes on Gaza City rises to 19"
    text = ("TEL AVIV, Israel — Militants fired a volley of rockets at an Israeli army base near Sderot early on "
            "Thursday following the airstrikes on Gaza City, which killed 19 people.\n"
            "The army said most of the rockets were intercepted.")
    assert detect(text, date(2023, 5, 11), title).is_attack_report
    # the strikes' headline over a lead that tells the attack on the base only as what the strikes followed
    text = ("Israeli jets struck targets in Gaza City early on Thursday following a rocket attack on an army base "
            "near Sderot.\nThe army said the strikes hit weapons depots.")
    assert not detect(text, date(2023, 5, 11), title).is_attack_report


def test_a_numeral_after_a_weapon_s_name_designates_its_model_not_a_count():
    assert projectiles(["The group said it fired Burkan 3 missiles at the air base."]) is None
    assert projectiles(["Russia launched 14 Geran 2 drones at the airfield overnight."]) == 14
    assert projectiles(["On Sunday 4 rockets struck the base."]) == 4  # a date word before a count is no name


def test_the_toll_of_the_event_that_provoked_an_attack_is_that_event_s():
    provoked = ("Militants shelled the Kidal camp early on Monday, following a drone strike on a wedding that killed "
                "eleven people.")
    assert casualties([provoked])[0] is None
    # unless that event is the attack on the installation
    told_after = "The raids came after a rocket attack on the Kidal camp on Sunday that killed two peacekeepers."
    assert casualties([told_after])[0] == 2


def test_a_country_in_a_compound_names_a_patron_or_maker_not_where():
    assert country_in(["Iran-backed gunmen fired Russian-made rockets at the base in Kirkuk, Iraq."]) == "Iraq"


def test_a_place_that_has_been_the_target_of_attacks_is_a_tally():
    text = ("Flights resumed at the airport on Monday. The airport, which hosts a coalition base, has been a "
            "target of drone attacks by militias.")
    assert detect(text, date(2024, 3, 19), "Airport reopens after fog").primary == ()


def test_a_camp_an_army_owns_stays_military_beside_displaced_people():
    owned = "Rebels shelled the FARDC camp in Kibirizi on Friday night, near a site for displaced families."
    assert detect(owned, date(2024, 6, 15), "").is_attack_report
    # "the camp" is what its antecedent is, though the sentence it stands in tells of displaced people
    anaphor = ("Rebels shelled the FARDC camp in Kibirizi on Friday night, killing a soldier. A displaced woman "
               "sheltering near the camp was wounded.")
    [report] = detect(anaphor, date(2024, 6, 15), "").primary
    assert report.base.startswith("Kibirizi") and report.killed == 1


def test_what_animals_rot_and_rust_do_to_a_base_is_no_attack():
    text = "Engineers found that termites had attacked the roof beams of two blocks at the Kamboi Barracks on Monday."
    assert attack_cue(text) is None


def test_an_attack_on_sovereignty_is_criticism():
    text = "\"The French base at Gao is an attack on our sovereignty,\" a protester said outside the gate on Friday."
    assert detect(text, date(2023, 9, 2), "").primary == ()


def test_jets_seen_to_take_off_from_a_base_left_it():
    text = ("Residents said they had seen the jets take off from Magwe Air Base shortly before the raid on the "
            "village on Monday.")
    assert detect(text, date(2024, 2, 27), "").primary == ()


def test_a_boat_based_at_a_naval_base_was_attacked_where_it_sailed():
    text = ("Gunmen in skiffs fired on a coast guard boat on Sunday; the boat, one of three based at the naval base in "
            "Mombasa, was patrolling off Lamu when it came under fire.")
    assert detect(text, date(2023, 9, 25), "").primary == ()


def test_a_camp_of_fishermen_with_a_possessive_is_theirs():
    text = "Gunmen raided a herders' camp near Diffa on Tuesday night, and a fishermen's camp near Bosso, killing six."
    assert detect(text, date(2024, 1, 24), "").primary == ()


def test_an_army_picket_is_a_post_and_no_strikers_line():
    text = "Militants fired at an army picket near Poonch late on Sunday, wounding a soldier, officials said."
    [report] = detect(text, date(2024, 7, 8), "").primary
    assert report.attack_date == date(2024, 7, 7) and report.wounded == 1
    assert detect("Nurses formed pickets outside the hospital on Sunday.", date(2024, 7, 8), "").primary == ()


def test_an_installation_the_story_says_was_not_attacked_was_not():
    text = ("Gunmen opened fire on shepherds about 20 km (12 miles) east of the Tiyas air base on Monday, killing "
            "four. The air base was not targeted, a military source said. In March, missiles struck the Tiyas air "
            "base, killing a soldier.")
    det = detect(text, date(2024, 5, 14), "")
    assert det.primary == ()
    assert [(r.base, r.attack_date.month) for r in det.reports] == [("T-4 Air Base", 3)]  # the recalled one stays


def test_what_witnesses_thought_was_an_attack_is_no_attack():
    text = "When the walls shook on Monday, many soldiers thought it was a missile strike on the Kuweires air base."
    assert detect(text, date(2023, 2, 8), "").primary == ()


def test_a_time_told_on_another_clock_is_dated_at_the_installation():
    # 2140 GMT on Saturday is 00:40 on Sunday in Mogadishu (UTC+3); 8:15 p.m. Eastern is 04:15 the next day in Iraq
    gmt = "Militants shelled the army base in Wanlaweyn at about 2140 GMT on Saturday, a commander said."
    [report] = detect(gmt, date(2024, 11, 11), "").primary
    assert report.attack_date == date(2024, 11, 10)
    eastern = "Two drones targeted Al-Asad Air Base at about 8:15 p.m. Eastern time Monday, a U.S. official said."
    [report] = detect(eastern, date(2024, 1, 9), "").primary
    assert report.attack_date == date(2024, 1, 9)
    # a conversion in brackets restates the local time: its day is the other clock's
    local = ("Drones struck the army base in Tame at 11:50 p.m. local time on Monday (0450 GMT on Tuesday), the army "
             "said.")
    [report] = detect(local, date(2025, 2, 11), "").primary
    assert report.attack_date == date(2025, 2, 10)


def test_a_relative_clause_telling_the_attack_on_the_installation_dates_it():
    text = ("Photographs taken on Thursday show two gutted hangars at the Saky air base, which Ukrainian missiles "
            "struck late on Monday.")
    [report] = detect(text, date(2024, 5, 16), "").primary
    assert report.attack_date == date(2024, 5, 13)


def test_an_armed_group_named_army_claims_responsibility_and_a_gloss_does_not_hide_the_claimant():
    assert claimed_by(["The outlawed Sindhudesh Revolutionary Army claimed responsibility in a message."]) \
        == "Sindhudesh Revolutionary Army"
    assert claimed_by(["The Pakistani Army claimed it had killed six militants."]) is None
    glossed = "A group calling itself Ashab al-Kahf (People of the Cave) claimed the attack."
    assert claimed_by([glossed]) == "Ashab al-Kahf"


def test_a_toll_told_in_nouns_is_a_toll():
    # translated statements name the toll as nouns: "led to the martyrdom of ... and the injury of ..."
    text = "One missile hit a depot, which led to the martyrdom of two soldiers and the injury of three others."
    assert casualties([text])[:2] == (2, 3)


def test_instructors_and_trainers_at_a_base_are_counted():
    assert casualties(["The drones killed three soldiers and a foreign trainer at the camp on Monday."])[0] == 4


def test_a_listed_base_s_town_the_text_calls_a_town_is_the_town():
    text = ("Drones hit a fuel depot in Morozovsk, a town in Rostov region, on Tuesday night, setting two tanks on "
            "fire, the governor said.")
    assert detect(text, date(2025, 3, 12), "").primary == ()


def test_there_was_no_attack_on_an_installation_denies_it():
    text = ("Two soldiers died when explosions hit an arms depot at Camp Tshatshi on Sunday night. \"There was no "
            "attack on Camp Tshatshi,\" the spokesman said.")
    assert detect(text, date(2024, 3, 4), "").reports == ()


def test_a_policy_that_makes_bases_harder_to_overrun_tells_no_attack():
    text = ("The minister defended the \"super camp\" policy, saying concentrating troops made bases harder to overrun "
            "and freed soldiers for patrols.")
    assert detect(text, date(2025, 5, 7), "").primary == ()


def test_the_day_of_the_event_an_attack_answers_does_not_date_the_attack():
    text = ("Two drones struck the Ramot Naftali base on Tuesday evening, wounding four soldiers. Hezbollah claimed "
            "responsibility, saying it had targeted \"the Ramot Naftali barracks\" in response to an Israeli strike "
            "that killed one of its commanders on Monday.")
    [report] = detect(text, date(2024, 6, 18), "").primary
    assert (report.attack_date, report.claimed_by) == (date(2024, 6, 18), "Hezbollah")


def test_a_clause_telling_the_attack_right_after_the_installation_dates_it():
    text = ("The army said on Wednesday it was examining why no siren sounded at the Nafah base before rockets from "
            "Lebanon struck it on Monday evening.")
    [report] = detect(text, date(2024, 7, 10), "").primary
    assert report.attack_date == date(2024, 7, 8)


def test_a_description_placing_the_installation_where_its_name_does_dates_the_news():
    text = ("Two drones targeted the base of the international coalition at Qaraqosh, in the Nineveh plains east of "
            "Mosul, late on Thursday, a source said. A group claimed it had struck \"the American base at Qaraqosh\". "
            "It was the third attack on the base this month. On Monday, a rocket fell inside the base.")
    [report] = detect(text, date(2023, 11, 17), "Two drones target coalition base at Qaraqosh").primary
    assert (report.attack_date, report.weapons) == (date(2023, 11, 16), ("drone",))


def test_an_airport_is_named_with_or_without_international():
    text = "A drone struck a hangar at Sulaymaniyah International Airport early on Thursday, where U.S. troops work."
    [report] = detect(text, date(2024, 9, 19), "").primary
    assert report.base == "Sulaymaniyah Airport"
    assert lookup("Sulaymaniyah International Airport") == lookup("Sulaymaniyah airport")


def test_a_border_guard_post_is_an_installation_and_its_description_ends_at_an_outcome():
    text = ("A soldier wounded in Friday's drone attack on a border guard post near al-Ruwaished died of his wounds on "
            "Saturday, the army said.")
    [report] = detect(text, date(2024, 7, 21), "").primary
    assert report.base.endswith("Ruwaished") and report.attack_date == date(2024, 7, 19)
