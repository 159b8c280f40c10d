print("seedwatch")
